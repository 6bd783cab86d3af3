using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Identity.Maintenance;

/// <summary>
/// The one pending run of a recurring job, shared by every app instance. Each run schedules the
/// next one only if it is the run recorded here; start-up schedules a run only when none is pending.
/// So there is exactly one chain of runs however many instances start, and a stray or repeated
/// message does its work without starting a second chain.
/// </summary>
public sealed class ScheduledJob
{
    /// <summary>The job's name.</summary>
    public string Id { get; set; } = "";

    /// <summary>When the pending run is due.</summary>
    public DateTimeOffset NextRunAt { get; set; }

    /// <summary>The first instant strictly after <paramref name="after"/> when the London clock shows <paramref name="londonTime"/>.</summary>
    public static DateTimeOffset NextDailyRun(DateTimeOffset after, TimeOnly londonTime)
    {
        var day = DateOnly.FromDateTime(London.ToLocal(after));
        var candidate = London.ToUtc(day, londonTime);
        return candidate > after ? candidate : London.ToUtc(day.AddDays(1), londonTime);
    }
}
