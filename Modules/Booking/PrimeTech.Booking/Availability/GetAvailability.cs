using System.Globalization;
using Microsoft.Extensions.Options;
using PrimeTech.Booking.Services;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Booking.Availability;

/// <summary>The free slots of a service on a day (<c>YYYY-MM-DD</c>, Europe/London): none in the past, none overlapping a booking.</summary>
public sealed record GetAvailability(string? Service, string? Date);

public sealed record AvailabilityView(string ServiceSlug, string Date, string TimeZone, IReadOnlyList<SlotView> Slots);

/// <summary>A free slot: <c>start</c>/<c>end</c> are UTC instants (send <c>start</c> back to book it); the local times are UK wall-clock.</summary>
public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End, string LocalStartTime, string LocalEndTime);

public static class GetAvailabilityHandler
{
    public static async Task<AvailabilityView> Handle(GetAvailability query, IDocumentSession session, TimeProvider clock,
        IOptions<BookingOptions> options, CancellationToken ct)
    {
        var slug = query.Service?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(slug))
            throw DomainException.Validation("service", "Choose a service.");
        if (!DateOnly.TryParseExact(query.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw DomainException.Validation("date", "Enter a date as YYYY-MM-DD, for example 2026-03-02.");

        var service = await session.Query<BookableService>().SingleOrDefaultAsync(s => s.Slug == slug && s.IsActive, ct)
            ?? throw DomainException.NotFound("The service");

        var now = clock.GetUtcNow();
        var slots = WorkingHours.OfferedSlotsOf(date, service.DurationMinutes, now, options.Value.HorizonDays);
        if (slots.Count > 0)
        {
            var dayStart = slots[0].StartUtc;
            var dayEnd = slots[^1].EndUtc;
            var taken = await session.Query<ServiceBooking>()
                .Where(b => b.StartUtc < dayEnd && b.EndUtc > dayStart
                    && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.Declined)
                .Select(b => new { b.StartUtc, b.EndUtc })
                .ToListAsync(ct);
            slots = WorkingHours.Free(slots, taken.Select(t => new Slot(t.StartUtc, t.EndUtc)).ToList());
        }

        return new AvailabilityView(service.Slug, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Europe/London",
            slots.Select(s => new SlotView(s.StartUtc, s.EndUtc, London.Format(s.StartUtc, "HH:mm"), London.Format(s.EndUtc, "HH:mm"))).ToList());
    }
}

public sealed class GetAvailabilityEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/bookings/availability", async (string? service, string? date, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<AvailabilityView>(new GetAvailability(service, date))))
            .WithTags("Bookings")
            .WithSummary("Free slots of a service on a day (Monday to Friday, 09:00–17:00 UK time); empty at weekends, in the past and beyond the horizon.");
}
