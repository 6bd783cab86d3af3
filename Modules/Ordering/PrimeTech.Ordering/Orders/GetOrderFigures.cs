using PrimeTech.BuildingBlocks.Time;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Orders;

/// <summary>Contract query for the admin dashboard: orders placed, paid and cancelled on a London day.</summary>
public static class GetOrderFiguresHandler
{
    public static async Task<OrderFigures> Handle(GetOrderFigures query, IDocumentSession session, CancellationToken ct)
    {
        var start = London.ToUtc(query.Day, TimeOnly.MinValue);
        var end = London.ToUtc(query.Day.AddDays(1), TimeOnly.MinValue);
        var orders = session.Query<Order>();
        return new OrderFigures(
            await orders.CountAsync(o => o.CreatedAt >= start && o.CreatedAt < end, ct),
            await orders.CountAsync(o => o.PaidAt >= start && o.PaidAt < end, ct),
            await orders.CountAsync(o => o.CancelledAt >= start && o.CancelledAt < end, ct));
    }
}
