using static PrimeTech.Booking.UnitTests.Given;

namespace PrimeTech.Booking.UnitTests;

/// <summary>
/// The company calendar: Monday to Friday, 09:00–17:00 London time, slots stepping by the service's
/// duration, 15-minute blocks. London is GMT in winter and BST (UTC+1) in summer; the clocks change
/// on Sundays (29 March and 25 October 2026), so the working days either side are an hour apart in UTC.
/// </summary>
public sealed class WorkingHoursTests
{
    private static DateTimeOffset UtcAt(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-03-02", true)]
    [InlineData("2026-03-03", true)]
    [InlineData("2026-03-04", true)]
    [InlineData("2026-03-05", true)]
    [InlineData("2026-03-06", true)]
    [InlineData("2026-03-07", false)]
    [InlineData("2026-03-08", false)]
    public void Only_Monday_to_Friday_are_working_days(string date, bool working) =>
        Assert.Equal(working, WorkingHours.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_winter_day_has_eight_hour_slots_from_0900_to_1700_GMT()
    {
        var slots = WorkingHours.SlotsOf(new DateOnly(2026, 3, 2), 60);

        Assert.Equal(8, slots.Count);
        Assert.Equal(UtcAt(3, 2, 9), slots[0].StartUtc);
        Assert.Equal(UtcAt(3, 2, 10), slots[0].EndUtc);
        Assert.Equal(UtcAt(3, 2, 16), slots[^1].StartUtc);
        Assert.Equal(UtcAt(3, 2, 17), slots[^1].EndUtc);
    }

    [Fact]
    public void A_summer_day_opens_at_0800_UTC_because_London_is_on_BST()
    {
        var slots = WorkingHours.SlotsOf(new DateOnly(2026, 7, 1), 60);

        Assert.Equal(8, slots.Count);
        Assert.Equal(UtcAt(7, 1, 8), slots[0].StartUtc);
        Assert.Equal(UtcAt(7, 1, 16), slots[^1].EndUtc);
    }

    [Theory]
    [InlineData(3, 27, 9)]  // Friday before the clocks go forward: GMT
    [InlineData(3, 30, 8)]  // Monday after: BST
    [InlineData(10, 23, 8)] // Friday before the clocks go back: BST
    [InlineData(10, 26, 9)] // Monday after: GMT
    public void The_first_slot_follows_the_clock_change(int month, int day, int firstUtcHour) =>
        Assert.Equal(UtcAt(month, day, firstUtcHour), WorkingHours.SlotsOf(new DateOnly(2026, month, day), 60)[0].StartUtc);

    [Theory]
    [InlineData(3, 29)]
    [InlineData(10, 25)]
    public void The_clock_change_Sundays_have_no_slots(int month, int day) =>
        Assert.Empty(WorkingHours.SlotsOf(new DateOnly(2026, month, day), 60));

    [Theory]
    [InlineData(15, 32, "17:00")]
    [InlineData(45, 10, "16:30")]
    [InlineData(90, 5, "16:30")]
    [InlineData(120, 4, "17:00")]
    [InlineData(480, 1, "17:00")]
    public void Slots_step_by_the_duration_and_the_last_ends_by_1700(int minutes, int count, string lastEnd)
    {
        var slots = WorkingHours.SlotsOf(new DateOnly(2026, 3, 2), minutes);

        Assert.Equal(count, slots.Count);
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.Equal(pair.First.EndUtc, pair.Second.StartUtc));
        Assert.Equal(lastEnd, PrimeTech.BuildingBlocks.Time.London.Format(slots[^1].EndUtc, "HH:mm"));
    }

    [Theory]
    [InlineData(481)]
    [InlineData(0)]
    [InlineData(-60)]
    public void A_duration_that_does_not_fit_the_day_has_no_slots(int minutes) =>
        Assert.Empty(WorkingHours.SlotsOf(new DateOnly(2026, 3, 2), minutes));

    [Fact]
    public void The_horizon_counts_London_days_so_late_evening_UTC_in_summer_is_already_tomorrow()
    {
        // 23:30 UTC on Tuesday 30 June is 00:30 on Wednesday 1 July in London.
        Assert.Equal(new DateOnly(2026, 9, 29), WorkingHours.LastBookableDay(UtcAt(6, 30, 23, 30), 90));
        Assert.Equal(new DateOnly(2026, 9, 28), WorkingHours.LastBookableDay(UtcAt(6, 30, 22, 59), 90));
    }

    [Fact]
    public void A_slot_is_offered_only_when_it_starts_after_now()
    {
        var slot = WorkingHours.SlotsOf(new DateOnly(2026, 3, 2), 60)[1]; // 10:00–11:00 GMT

        Assert.False(WorkingHours.IsOffered(slot, slot.StartUtc, 90));
        Assert.False(WorkingHours.IsOffered(slot, slot.StartUtc.AddMinutes(1), 90));
        Assert.True(WorkingHours.IsOffered(slot, slot.StartUtc.AddTicks(-1), 90));
    }

    [Fact]
    public void A_slot_is_offered_up_to_the_last_day_of_the_horizon_and_not_after()
    {
        // From Monday 2 March, 90 days reach Sunday 31 May; Friday 29 May is the last working day offered.
        var lastDay = WorkingHours.SlotsOf(new DateOnly(2026, 5, 29), 60)[^1];
        var nextWorkingDay = WorkingHours.SlotsOf(new DateOnly(2026, 6, 1), 60)[0];

        Assert.True(WorkingHours.IsOffered(lastDay, Now, 90));
        Assert.False(WorkingHours.IsOffered(nextWorkingDay, Now, 90));
        Assert.True(WorkingHours.IsOffered(nextWorkingDay, Now, 91));
    }

    [Fact]
    public void Today_offers_only_the_slots_still_to_start()
    {
        // 11:15 GMT: the 11:00 slot has started, 12:00 is the next one offered.
        var offered = WorkingHours.OfferedSlotsOf(new DateOnly(2026, 3, 2), 60, UtcAt(3, 2, 11, 15), 90);

        Assert.Equal(5, offered.Count);
        Assert.Equal(UtcAt(3, 2, 12), offered[0].StartUtc);
    }

    [Fact]
    public void Nothing_is_offered_on_a_day_in_the_past_or_beyond_the_horizon()
    {
        Assert.Empty(WorkingHours.OfferedSlotsOf(new DateOnly(2026, 2, 27), 60, Now, 90));
        Assert.Empty(WorkingHours.OfferedSlotsOf(new DateOnly(2026, 6, 1), 60, Now, 90));
    }

    [Fact]
    public void A_booking_takes_every_slot_it_overlaps_whatever_the_services_durations()
    {
        // A 90-minute on-site booking at 10:00–11:30 against the 60-minute grid.
        var slots = WorkingHours.SlotsOf(new DateOnly(2026, 3, 2), 60);
        var taken = new[] { new Slot(UtcAt(3, 2, 10), UtcAt(3, 2, 11, 30)) };

        var free = WorkingHours.Free(slots, taken).Select(s => s.StartUtc.Hour).ToList();

        Assert.Equal([9, 12, 13, 14, 15, 16], free);
    }

    [Fact]
    public void Free_keeps_every_slot_when_nothing_is_taken() =>
        Assert.Equal(8, WorkingHours.Free(WorkingHours.SlotsOf(new DateOnly(2026, 3, 2), 60), []).Count);

    [Theory]
    [InlineData(9, 0, 10, 0, false)]   // ends as the slot starts
    [InlineData(11, 0, 12, 0, false)]  // starts as the slot ends
    [InlineData(9, 30, 10, 1, true)]   // one minute into the slot
    [InlineData(10, 59, 11, 30, true)] // one minute before its end
    [InlineData(10, 15, 10, 45, true)] // inside
    [InlineData(9, 0, 12, 0, true)]    // around
    public void Overlap_is_strict_so_back_to_back_bookings_do_not_clash(int fromHour, int fromMinute, int toHour, int toMinute, bool overlaps)
    {
        var slot = new Slot(UtcAt(3, 2, 10), UtcAt(3, 2, 11));
        Assert.Equal(overlaps, slot.Overlaps(UtcAt(3, 2, fromHour, fromMinute), UtcAt(3, 2, toHour, toMinute)));
    }

    [Fact]
    public void A_booking_holds_every_15_minute_block_it_covers_in_ascending_order()
    {
        var blocks = WorkingHours.BlocksOf(UtcAt(3, 2, 10), UtcAt(3, 2, 11, 30));

        Assert.Equal(
            [UtcAt(3, 2, 10), UtcAt(3, 2, 10, 15), UtcAt(3, 2, 10, 30), UtcAt(3, 2, 10, 45), UtcAt(3, 2, 11), UtcAt(3, 2, 11, 15)],
            blocks);
    }

    [Fact]
    public void An_offered_slot_has_no_objection() =>
        Assert.Null(WorkingHours.WhyNotOffered(UtcAt(3, 2, 14), 60, Now, 90));

    [Theory]
    [InlineData(3, 7, 10, 0)]  // Saturday
    [InlineData(3, 2, 8, 45)]  // before opening
    [InlineData(3, 2, 16, 30)] // would end at 17:30
    [InlineData(3, 2, 17, 0)]  // at closing
    public void A_start_outside_working_hours_is_refused_as_such(int month, int day, int hour, int minute) =>
        Assert.Equal("Choose a time during working hours (Monday to Friday, 09:00 to 17:00 UK time).",
            WorkingHours.WhyNotOffered(UtcAt(month, day, hour, minute), 60, Now, 90));

    [Fact]
    public void A_start_in_the_past_or_now_is_refused_as_such()
    {
        Assert.Equal("Choose a time in the future.", WorkingHours.WhyNotOffered(UtcAt(3, 2, 9), 60, Now, 90));
        Assert.Equal("Choose a time in the future.", WorkingHours.WhyNotOffered(Now, 60, Now, 90));
    }

    [Theory]
    [InlineData(3, 2, 11, 30, 60)] // off the hourly grid
    [InlineData(3, 2, 11, 0, 90)]  // 90-minute slots start 09:00, 10:30, 12:00, …
    [InlineData(6, 1, 9, 0, 60)]   // beyond the 90-day horizon
    public void A_start_that_is_not_an_offered_slot_is_refused_as_such(int month, int day, int hour, int minute, int duration) =>
        Assert.Equal("Choose one of the times offered.", WorkingHours.WhyNotOffered(UtcAt(month, day, hour, minute), duration, Now, 90));

    [Fact]
    public void In_summer_0900_UTC_is_1000_in_London_so_it_is_a_slot_for_an_hour_but_not_for_90_minutes()
    {
        var summerNow = UtcAt(6, 1, 7);
        Assert.Null(WorkingHours.WhyNotOffered(UtcAt(7, 1, 9), 60, summerNow, 90));
        Assert.Equal("Choose one of the times offered.", WorkingHours.WhyNotOffered(UtcAt(7, 1, 9), 90, summerNow, 90));
        // 16:00 UTC is 17:00 in London: closing time.
        Assert.Equal("Choose a time during working hours (Monday to Friday, 09:00 to 17:00 UK time).",
            WorkingHours.WhyNotOffered(UtcAt(7, 1, 16), 60, summerNow, 90));
    }
}
