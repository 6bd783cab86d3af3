using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Ordering.Contracts;
using Wolverine.Marten;

namespace PrimeTech.Ordering.Orders;

/// <summary>Scheduled at checkout for <c>Orders:PendingExpiry</c> later (durable): cancel the order if it is still unpaid.</summary>
public sealed record ExpirePendingOrder(Guid OrderId);

public static class ExpirePendingOrderHandler
{
    public static Task<Order?> LoadAsync(ExpirePendingOrder command, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<Order>(command.OrderId, ct);

    /// <summary>A payment confirmed meanwhile wins: the order's version makes this run again and find it paid.</summary>
    public static (OrderCancelled?, IEnumerable<IMartenOp>) Handle(ExpirePendingOrder _, Order? order, TimeProvider clock)
    {
        if (order is not { IsPending: true })
            return (null, []);
        order.Cancel(CancellationReason.Expired, clock.GetUtcNow());
        return (CancelOrderHandler.Cancelled(order), StorageEffects.UpdateIf(true, order));
    }
}
