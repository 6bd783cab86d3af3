using PrimeTech.Booking.Contracts;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Timeline;

namespace PrimeTech.Booking.Timeline;

/// <summary>The bookings the customer made while signed in, newest first (index <c>ix_booking_user</c>).</summary>
public static class GetCustomerTimelineHandler
{
    public static async Task<CustomerTimeline> Handle(GetCustomerTimeline query, IQuerySession session, CancellationToken ct)
    {
        var bookings = await session.Query<ServiceBooking>()
            .Where(b => b.UserId == query.CustomerId)
            .OrderByDescending(b => b.CreatedAt)
            .Take(query.Limit + 1)
            .Select(b => new { b.Reference, b.CreatedAt, b.ServiceName, b.StartUtc, b.Status })
            .ToListAsync(ct);
        return CustomerTimeline.Newest(bookings.Select(b => new TimelineEntry(
            b.CreatedAt, TimelineKinds.Booking, $"Booking {b.Reference} requested",
            $"{b.ServiceName} on {London.Format(b.StartUtc, "d MMMM yyyy, HH:mm")} · now {b.Status}", b.Reference,
            $"/admin/bookings/{b.Reference}")), query.Limit);
    }
}
