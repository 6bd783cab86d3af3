using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Booking.UnitTests;

/// <summary>Bookings, clocks and options as the Load step and the host would hand them to the decisions.</summary>
internal static class Given
{
    /// <summary>Monday 2 March 2026, 10:00 in London (GMT): a working day in winter.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static readonly IOptions<BookingOptions> Options = Microsoft.Extensions.Options.Options.Create(
        new BookingOptions { HorizonDays = 90, OrganiserEmail = "bookings@primetech.example" });

    public static readonly IOptions<SiteOptions> Site = Microsoft.Extensions.Options.Options.Create(
        new SiteOptions { PublicUrl = "https://primetech.example" });

    public static DateTimeOffset LondonTime(int year, int month, int day, int hour, int minute = 0) =>
        London.ToUtc(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    public static ServiceBooking Booked(BookingStatus status = BookingStatus.Requested, Guid? userId = null)
    {
        var start = LondonTime(2026, 3, 4, 10);
        return new ServiceBooking
        {
            Id = Guid.NewGuid(),
            Reference = "BKG-20260302-7K3Q",
            ServiceId = Guid.NewGuid(),
            ServiceSlug = "remote-support",
            ServiceName = "Remote support",
            DurationMinutes = 60,
            StartUtc = start,
            EndUtc = start.AddMinutes(60),
            Status = status,
            UserId = userId,
            ContactName = "Ada Lovelace",
            ContactEmail = "Ada@Example.test",
            NormalizedContactEmail = "ada@example.test",
            ContactPhone = "01632 960 001",
            History = [new StatusChange(Now.AddDays(-1), null, BookingStatus.Requested, BookingActor.Guest, null, null)],
            IcsSequence = 3,
            CreatedAt = Now.AddDays(-1),
            UpdatedAt = Now.AddDays(-1),
        };
    }
}

/// <summary>A clock that always reads the same instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
