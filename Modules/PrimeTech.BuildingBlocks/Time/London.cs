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

    public static string Format(DateTimeOffset utc, string format = "d MMM yyyy, HH:mm") => ToLocal(utc).ToString(format, System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
