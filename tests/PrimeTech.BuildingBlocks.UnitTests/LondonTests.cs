using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.BuildingBlocks.UnitTests;

/// <summary>
/// Everything is stored in UTC and dated in London: GMT in winter, BST (UTC+1) from the last Sunday
/// of March (01:00 UTC) to the last Sunday of October (01:00 UTC) — 29 March and 25 October in 2026.
/// </summary>
public sealed class LondonTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData(1, 15, 12, 0, "2026-01-15 12:00")]
    [InlineData(7, 15, 12, 0, "2026-07-15 13:00")]
    [InlineData(3, 29, 0, 59, "2026-03-29 00:59")] // the last GMT minute
    [InlineData(3, 29, 1, 0, "2026-03-29 02:00")]  // clocks go forward
    [InlineData(10, 25, 0, 59, "2026-10-25 01:59")] // the last BST minute
    [InlineData(10, 25, 1, 0, "2026-10-25 01:00")]  // clocks go back
    public void UTC_instants_read_as_London_wall_clock_time(int month, int day, int hour, int minute, string local) =>
        Assert.Equal(local, London.ToLocal(Utc(month, day, hour, minute)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(3, 27, 9, 9)]
    [InlineData(3, 30, 9, 8)]
    [InlineData(10, 23, 9, 8)]
    [InlineData(10, 26, 9, 9)]
    public void London_wall_clock_time_becomes_the_right_UTC_instant_either_side_of_a_change(int month, int day, int localHour, int utcHour) =>
        Assert.Equal(Utc(month, day, utcHour), London.ToUtc(new DateOnly(2026, month, day), new TimeOnly(localHour, 0)));

    [Fact]
    public void The_repeated_hour_of_the_autumn_change_is_read_as_GMT() =>
        Assert.Equal(Utc(10, 25, 1, 30), London.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(1, 30)));

    [Fact]
    public void Today_is_the_London_date_so_late_evening_UTC_in_summer_is_tomorrow()
    {
        Assert.Equal(new DateOnly(2026, 7, 1), London.Today(new FixedClock(Utc(6, 30, 23, 0))));
        Assert.Equal(new DateOnly(2026, 6, 30), London.Today(new FixedClock(Utc(6, 30, 22, 59))));
        Assert.Equal(new DateOnly(2026, 12, 31), London.Today(new FixedClock(Utc(12, 31, 23, 59))));
    }

    [Fact]
    public void The_spring_change_day_is_23_hours_long()
    {
        var (start, end) = London.Days(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29));
        Assert.Equal(Utc(3, 29, 0), start);
        Assert.Equal(Utc(3, 29, 23), end);
    }

    [Fact]
    public void The_autumn_change_day_is_25_hours_long()
    {
        var (start, end) = London.Days(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25));
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(Utc(10, 26, 0), end);
    }

    [Fact]
    public void A_range_of_days_runs_from_the_first_midnight_to_the_midnight_after_the_last()
    {
        var (start, end) = London.Days(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));
        Assert.Equal(new DateTimeOffset(2026, 5, 31, 23, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(Utc(6, 30, 23), end);
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-02")]
    [InlineData(" 2026-03-02 ", "2026-03-02")]
    [InlineData("2028-02-29", "2028-02-29")]
    [InlineData("2026-02-29", null)]
    [InlineData("02/03/2026", null)]
    [InlineData("2026-3-2", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_a_real_date_typed_as_YYYY_MM_DD_is_a_date(string? typed, string? date) =>
        Assert.Equal(date is null ? null : DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), London.ParseDate(typed));

    [Fact]
    public void Times_are_shown_in_London_in_British_English()
    {
        Assert.Equal("2 Mar 2026, 09:00", London.Format(Utc(3, 2, 9)));
        Assert.Equal("1 Jul 2026, 10:00", London.Format(Utc(7, 1, 9)));
        Assert.Equal("Wednesday 1 July", London.Format(Utc(7, 1, 9), "dddd d MMMM"));
    }
}
