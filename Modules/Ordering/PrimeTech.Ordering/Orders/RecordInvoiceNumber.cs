using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Billing.Contracts;

namespace PrimeTech.Ordering.Orders;

/// <summary>Billing issued the order's invoice: keep its number on the order (idempotent).</summary>
public static class InvoiceIssuedHandler
{
    public static async Task Handle(InvoiceIssued issued, IDocumentSession session, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, LockScopes.Order, issued.OrderId, ct);
        var order = await session.LoadAsync<Order>(issued.OrderId, ct);
        if (order is null || order.InvoiceNumber == issued.InvoiceNumber)
            return;
        order.InvoiceNumber = issued.InvoiceNumber;
        session.Store(order);
    }
}
