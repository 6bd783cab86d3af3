using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Billing.Contracts;
using Wolverine.Marten;

namespace PrimeTech.Ordering.Orders;

/// <summary>Billing issued the order's invoice: keep its number on the order (idempotent; a concurrent writer makes it run again).</summary>
public static class InvoiceIssuedHandler
{
    public static Task<Order?> LoadAsync(InvoiceIssued issued, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<Order>(issued.OrderId, ct);

    public static IEnumerable<IMartenOp> Handle(InvoiceIssued issued, Order? order)
    {
        if (order is null || order.InvoiceNumber == issued.InvoiceNumber)
            return [];
        order.InvoiceNumber = issued.InvoiceNumber;
        return StorageEffects.UpdateIf(true, order);
    }
}
