using System.Globalization;
using Carter;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Booking.Bookings;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Booking.Admin;

/// <summary>
/// Bookings for staff, by slot: optionally one status, and either one day (<see cref="Date"/>) or
/// the Monday-to-Sunday week containing <see cref="Week"/> (dates YYYY-MM-DD, UK time).
/// </summary>
public sealed record ListBookings(string? Status, string? Date, string? Week);

public sealed record BookingListView(string? Status, string? From, string? To, IReadOnlyList<AdminBookingView> Bookings);

public static class ListBookingsHandler
{
    public const int Limit = 500;

    public static async Task<BookingListView> Handle(ListBookings query, IDocumentSession session, CancellationToken ct)
    {
        BookingStatus? status = null;
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!BookingStatusText.TryParse(query.Status, out var parsed))
                throw DomainException.Validation("status", "Choose one of the listed statuses.");
            status = parsed;
        }

        DateOnly? from = null, to = null;
        if (!string.IsNullOrWhiteSpace(query.Week))
        {
            var day = ParseDate(query.Week, "week");
            from = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            to = from.Value.AddDays(7);
        }
        else if (!string.IsNullOrWhiteSpace(query.Date))
        {
            from = ParseDate(query.Date, "date");
            to = from.Value.AddDays(1);
        }

        var bookings = session.Query<ServiceBooking>().AsQueryable();
        if (status is { } s) bookings = bookings.Where(b => b.Status == s);
        if (from is { } f && to is { } t)
        {
            var fromUtc = London.ToUtc(f, TimeOnly.MinValue);
            var toUtc = London.ToUtc(t, TimeOnly.MinValue);
            bookings = bookings.Where(b => b.SlotStartUtc >= fromUtc && b.SlotStartUtc < toUtc);
        }
        var list = await bookings.OrderBy(b => b.SlotStartUtc).Take(Limit).ToListAsync(ct);

        return new BookingListView(status?.ToString(), Iso(from), Iso(to?.AddDays(-1)), list.Select(AdminBookingView.From).ToList());
    }

    private static DateOnly ParseDate(string value, string field) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw DomainException.Validation(field, "Give the date as YYYY-MM-DD, for example 2026-03-02.");

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class ListBookingsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/bookings", async (string? status, string? date, string? week, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<BookingListView>(new ListBookings(status, date, week))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Bookings by slot, filtered by status and by day or week.");
}
