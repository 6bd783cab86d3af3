using PrimeTech.BuildingBlocks.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PrimeTech.Identity.Maintenance;

/// <summary>
/// Makes sure a <see cref="PurgeExpiredSessions"/> run is pending: sent once at start-up by every
/// instance, it schedules the next 03:00 London run only if none is recorded as pending (or the
/// recorded one is overdue, e.g. its message was lost), so instances never start a second chain.
/// </summary>
public sealed record EnsurePurgeScheduled;

public static class EnsurePurgeScheduledHandler
{
    public static async Task<OutgoingMessages> Handle(EnsurePurgeScheduled _, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, PurgeExpiredSessions.LockKey, ct);
        var now = clock.GetUtcNow();
        var job = await session.LoadAsync<ScheduledJob>(PurgeExpiredSessions.JobName, ct);
        var messages = new OutgoingMessages();
        if (job is null || job.NextRunAt <= now)
            messages.Add(PurgeSchedule.ScheduleNext(session, job ?? new ScheduledJob { Id = PurgeExpiredSessions.JobName }, now));
        return messages;
    }
}

public static class PurgeSchedule
{
    /// <summary>Records the next run after <paramref name="after"/> as the pending one and returns its scheduled message.</summary>
    internal static object ScheduleNext(IDocumentSession session, ScheduledJob job, DateTimeOffset after)
    {
        job.NextRunAt = ScheduledJob.NextDailyRun(after, PurgeExpiredSessions.LondonTime);
        session.Store(job);
        return new PurgeExpiredSessions(job.NextRunAt).ScheduledAt(job.NextRunAt);
    }
}

/// <summary>Sends <see cref="EnsurePurgeScheduled"/> once the app has started, retrying each minute while the database is unreachable.</summary>
public sealed class PurgeScheduleStarter(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<PurgeScheduleStarter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new EnsurePurgeScheduled(), stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not schedule the daily session clean-up; trying again in a minute.");
            }
            try { await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
