using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Orders;

/// <summary>Scheduled at checkout for <c>Orders:PendingExpiry</c> later (durable): cancel the order if it is still unpaid.</summary>
public sealed record ExpirePendingOrder(Guid OrderId);

public static class ExpirePendingOrderHandler
{
    public static async Task<OrderCancelled?> Handle(ExpirePendingOrder command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, LockScopes.Order, command.OrderId, ct);
        var order = await session.LoadAsync<Order>(command.OrderId, ct);
        if (order is not { IsPending: true })
            return null;

        order.Cancel(CancellationReason.Expired, clock.GetUtcNow());
        session.Store(order);
        return CancelOrderHandler.Cancelled(order);
    }
}
