using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Timeline;
using PrimeTech.Ordering.Contracts;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Ordering.Timeline;

/// <summary>The customer's orders, newest first (index <c>ix_order_customer_created</c>).</summary>
public static class GetCustomerTimelineHandler
{
    public static async Task<CustomerTimeline> Handle(GetCustomerTimeline query, IQuerySession session, CancellationToken ct)
    {
        var orders = await session.Query<Order>()
            .Where(o => o.CustomerId == query.CustomerId)
            .OrderByDescending(o => o.CreatedAt)
            .Take(query.Limit + 1)
            .Select(o => new { o.Number, o.CreatedAt, o.Status, o.GrossPence })
            .ToListAsync(ct);
        return CustomerTimeline.Newest(orders.Select(o => new TimelineEntry(
            o.CreatedAt, TimelineKinds.Order, $"Order {o.Number} placed", $"{Vat.Pounds(o.GrossPence)} · now {o.Status}", o.Number,
            $"/admin/orders/{o.Number}")), query.Limit);
    }
}
