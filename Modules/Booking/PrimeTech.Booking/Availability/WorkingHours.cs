using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Booking.Availability;

/// <summary>
/// The company calendar: Monday to Friday, 09:00–17:00 Europe/London. A service's slots start at
/// 09:00 and step by its duration; the last one must end by 17:00. Engineers are one shared team,
/// so the calendar is cut into 15-minute blocks and a booking holds every block it covers: two
/// bookings can never overlap, whatever their services' durations.
/// </summary>
public static class WorkingHours
{
    public static readonly TimeOnly Opens = new(9, 0);
    public static readonly TimeOnly Closes = new(17, 0);
    public const int BlockMinutes = 15;

    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>Every slot of the day for a service, in order, whether free or not.</summary>
    public static IReadOnlyList<Slot> SlotsOf(DateOnly date, int durationMinutes)
    {
        if (!IsWorkingDay(date) || durationMinutes <= 0) return [];
        var slots = new List<Slot>();
        var duration = TimeSpan.FromMinutes(durationMinutes);
        for (var start = Opens.ToTimeSpan(); start + duration <= Closes.ToTimeSpan(); start += duration)
        {
            var startUtc = London.ToUtc(date, TimeOnly.FromTimeSpan(start));
            slots.Add(new Slot(startUtc, startUtc + duration));
        }
        return slots;
    }

    /// <summary>The last day customers can book, counted in London days from today.</summary>
    public static DateOnly LastBookableDay(DateTimeOffset nowUtc, int horizonDays) =>
        DateOnly.FromDateTime(London.ToLocal(nowUtc)).AddDays(horizonDays);

    /// <summary>Whether a slot is offered: in the future and within the horizon (taken slots aside).</summary>
    public static bool IsOffered(Slot slot, DateTimeOffset nowUtc, int horizonDays) =>
        slot.StartUtc > nowUtc && DateOnly.FromDateTime(London.ToLocal(slot.StartUtc)) <= LastBookableDay(nowUtc, horizonDays);

    /// <summary>The slots of the day a customer may be offered: in the future and within the horizon (taken slots aside).</summary>
    public static IReadOnlyList<Slot> OfferedSlotsOf(DateOnly date, int durationMinutes, DateTimeOffset nowUtc, int horizonDays) =>
        SlotsOf(date, durationMinutes).Where(s => IsOffered(s, nowUtc, horizonDays)).ToList();

    /// <summary>The slots that overlap none of the taken times (the bookings that hold their slot).</summary>
    public static IReadOnlyList<Slot> Free(IReadOnlyList<Slot> slots, IReadOnlyCollection<Slot> taken) =>
        slots.Where(s => !taken.Any(t => s.Overlaps(t.StartUtc, t.EndUtc))).ToList();

    /// <summary>Why a requested start is not an offered slot of the service (taken slots aside), or null when it is.</summary>
    public static string? WhyNotOffered(DateTimeOffset startUtc, int durationMinutes, DateTimeOffset nowUtc, int horizonDays)
    {
        var local = London.ToLocal(startUtc);
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        if (!IsWorkingDay(date) || time < Opens || time.ToTimeSpan() + TimeSpan.FromMinutes(durationMinutes) > Closes.ToTimeSpan())
            return "Choose a time during working hours (Monday to Friday, 09:00 to 17:00 UK time).";
        if (startUtc <= nowUtc)
            return "Choose a time in the future.";
        var slot = SlotsOf(date, durationMinutes).FirstOrDefault(s => s.StartUtc == startUtc);
        if (slot is null || !IsOffered(slot, nowUtc, horizonDays))
            return "Choose one of the times offered.";
        return null;
    }

    /// <summary>The 15-minute blocks a booking holds, in ascending order (the lock order, so concurrent claims cannot deadlock).</summary>
    public static IReadOnlyList<DateTimeOffset> BlocksOf(DateTimeOffset startUtc, DateTimeOffset endUtc)
    {
        var blocks = new List<DateTimeOffset>();
        for (var b = startUtc; b < endUtc; b += TimeSpan.FromMinutes(BlockMinutes))
            blocks.Add(b);
        return blocks;
    }
}

public sealed record Slot(DateTimeOffset StartUtc, DateTimeOffset EndUtc)
{
    public bool Overlaps(DateTimeOffset startUtc, DateTimeOffset endUtc) => StartUtc < endUtc && startUtc < EndUtc;
}
