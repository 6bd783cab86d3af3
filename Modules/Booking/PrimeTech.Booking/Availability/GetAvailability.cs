using System.Globalization;
using Carter;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Booking.Bookings;
using PrimeTech.Booking.Services;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Time;
using Wolverine;

namespace PrimeTech.Booking.Availability;

/// <summary>The free slots of a service on a day (<c>YYYY-MM-DD</c>, Europe/London): none in the past, none overlapping a booking.</summary>
public sealed record GetAvailability(string? Service, string? Date);

public sealed record AvailabilityView(ServiceView Service, string Date, bool WorkingDay, IReadOnlyList<SlotView> Slots);

/// <summary>A free slot: <c>start</c>/<c>end</c> are UTC instants (send <c>start</c> back to book it); the local fields are UK wall-clock time.</summary>
public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End, string StartLocal, string EndLocal, string Label);

public static class GetAvailabilityHandler
{
    public static async Task<AvailabilityView> Handle(GetAvailability query, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var slug = query.Service?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(slug))
            throw DomainException.Validation("service", "Choose a service.");
        if (!DateOnly.TryParseExact(query.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw DomainException.Validation("date", "Give the date as YYYY-MM-DD, for example 2026-03-02.");

        var service = await session.Query<BookableService>().SingleOrDefaultAsync(s => s.Slug == slug && s.Active, ct)
            ?? throw DomainException.NotFound("The service");

        var now = clock.GetUtcNow();
        var slots = WorkingHours.SlotsOf(date, service.DurationMinutes)
            .Where(s => s.StartUtc > now && WorkingHours.WhyNotASlot(s.StartUtc, service.DurationMinutes, now) is null)
            .ToList();
        if (slots.Count > 0)
        {
            var dayStart = slots[0].StartUtc;
            var dayEnd = slots[^1].EndUtc;
            var taken = await session.Query<ServiceBooking>()
                .Where(b => b.SlotStartUtc < dayEnd && b.SlotEndUtc > dayStart
                    && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.Declined)
                .Select(b => new { b.SlotStartUtc, b.SlotEndUtc })
                .ToListAsync(ct);
            slots = slots.Where(s => !taken.Any(t => s.Overlaps(t.SlotStartUtc, t.SlotEndUtc))).ToList();
        }

        return new AvailabilityView(ServiceView.From(service), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            WorkingHours.IsWorkingDay(date),
            slots.Select(s => new SlotView(s.StartUtc, s.EndUtc,
                London.ToLocal(s.StartUtc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                London.ToLocal(s.EndUtc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                $"{London.Format(s.StartUtc, "HH:mm")}–{London.Format(s.EndUtc, "HH:mm")}")).ToList());
    }
}

public sealed class GetAvailabilityEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/bookings/availability", async (string? service, string? date, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<AvailabilityView>(new GetAvailability(service, date))))
            .WithTags("Bookings")
            .WithSummary("Free slots of a service on a day (Monday to Friday, 09:00–17:00 UK time).");
}
