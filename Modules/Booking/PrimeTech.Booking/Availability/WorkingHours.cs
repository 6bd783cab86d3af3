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
    public const int MinDurationMinutes = 15;
    public const int MaxDurationMinutes = 480;

    /// <summary>How far ahead customers can book.</summary>
    public const int BookingHorizonDays = 90;

    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public static bool IsValidDuration(int minutes) =>
        minutes is >= MinDurationMinutes and <= MaxDurationMinutes && minutes % BlockMinutes == 0;

    /// <summary>Every slot of the day for a service, in order, whether free or not.</summary>
    public static IReadOnlyList<Slot> SlotsOf(DateOnly date, int durationMinutes)
    {
        if (!IsWorkingDay(date) || !IsValidDuration(durationMinutes)) return [];
        var slots = new List<Slot>();
        var duration = TimeSpan.FromMinutes(durationMinutes);
        for (var start = Opens.ToTimeSpan(); start + duration <= Closes.ToTimeSpan(); start += duration)
        {
            var startUtc = London.ToUtc(date, TimeOnly.FromTimeSpan(start));
            slots.Add(new Slot(startUtc, startUtc + duration));
        }
        return slots;
    }

    /// <summary>Why a requested start is not one of the service's slots, or null when it is.</summary>
    public static string? WhyNotASlot(DateTimeOffset startUtc, int durationMinutes, DateTimeOffset nowUtc)
    {
        var local = London.ToLocal(startUtc);
        var date = DateOnly.FromDateTime(local);
        if (startUtc <= nowUtc)
            return "That time is in the past. Choose a later slot.";
        if (date > DateOnly.FromDateTime(London.ToLocal(nowUtc)).AddDays(BookingHorizonDays))
            return $"We take bookings up to {BookingHorizonDays} days ahead.";
        if (!IsWorkingDay(date))
            return "We work Monday to Friday. Choose a weekday.";
        var time = TimeOnly.FromDateTime(local);
        if (time < Opens || time.ToTimeSpan() + TimeSpan.FromMinutes(durationMinutes) > Closes.ToTimeSpan())
            return "That time is outside our working hours (09:00 to 17:00, UK time).";
        if (SlotsOf(date, durationMinutes).All(s => s.StartUtc != startUtc))
            return $"Slots for this service start every {durationMinutes} minutes from 09:00. Choose one of the listed slots.";
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
