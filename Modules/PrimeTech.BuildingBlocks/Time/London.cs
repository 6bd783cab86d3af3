namespace PrimeTech.BuildingBlocks.Time;

/// <summary>The business's display time zone. Everything is stored in UTC and shown in London time.</summary>
public static class London
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTime ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).DateTime;

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow()));

    /// <summary>The UTC instant of a London wall-clock time.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    /// <summary>A date typed as <c>YYYY-MM-DD</c> (trimmed), or null if it is not one (a London calendar date, CODEX_HANDOFF §2.1).</summary>
    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The UTC instants that bound London days <paramref name="from"/> to <paramref name="to"/> inclusive: [start, end).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Days(DateOnly from, DateOnly to) =>
        (ToUtc(from, TimeOnly.MinValue), ToUtc(to.AddDays(1), TimeOnly.MinValue));

    public static string Format(DateTimeOffset utc, string format = "d MMM yyyy, HH:mm") => ToLocal(utc).ToString(format, System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
