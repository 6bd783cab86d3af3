using PrimeTech.Booking.Contracts;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Booking.Admin;

/// <summary>Answers the dashboard's <see cref="GetBookingFigures"/> (a public contracts query).</summary>
public static class GetBookingFiguresHandler
{
    public static async Task<BookingFigures> Handle(GetBookingFigures query, IDocumentSession session, CancellationToken ct)
    {
        var dayStart = London.ToUtc(query.Day, TimeOnly.MinValue);
        var dayEnd = London.ToUtc(query.Day.AddDays(1), TimeOnly.MinValue);
        var bookings = session.Query<ServiceBooking>();
        var requested = await bookings.CountAsync(b => b.CreatedAt >= dayStart && b.CreatedAt < dayEnd, ct);
        var scheduled = await bookings.CountAsync(b => b.StartUtc >= dayStart && b.StartUtc < dayEnd
            && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.Declined, ct);
        var awaiting = await bookings.CountAsync(b => b.Status == BookingStatus.Requested, ct);
        return new BookingFigures(requested, scheduled, awaiting);
    }
}
