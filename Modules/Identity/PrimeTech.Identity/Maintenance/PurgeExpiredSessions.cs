using PrimeTech.BuildingBlocks.Persistence;
using Microsoft.Extensions.Logging;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.TwoFactor;

namespace PrimeTech.Identity.Maintenance;

/// <summary>
/// The daily clean-up (CODEX_HANDOFF §5.1), scheduled for 03:00 London time: deletes sessions that
/// expired or were revoked more than 30 days ago, email tokens that expired more than 7 days
/// ago, pending two-factor sign-ins past their five minutes, and sign-in throttles that are
/// neither locked nor within their 15-minute window. <see cref="RunAt"/> is the time the run was scheduled for; the run recorded as pending in
/// <see cref="ScheduledJob"/> schedules the next one.
/// </summary>
public sealed record PurgeExpiredSessions(DateTimeOffset RunAt)
{
    public const string JobName = "purge-expired-sessions";
    public static readonly TimeOnly LondonTime = new(3, 0);
    public static readonly TimeSpan SessionRetention = TimeSpan.FromDays(30);
    public static readonly TimeSpan TokenRetention = TimeSpan.FromDays(7);

    /// <summary>Taken by the purge and by start-up scheduling, so the pending run is read and replaced by one of them at a time.</summary>
    internal const string LockKey = "job:" + JobName;
}

public static class PurgeExpiredSessionsHandler
{
    public static async Task<OutgoingMessages> Handle(
        PurgeExpiredSessions message, IDocumentSession session, TimeProvider clock, ILogger<PurgeExpiredSessions> logger, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, PurgeExpiredSessions.LockKey, ct);
        var now = clock.GetUtcNow();
        var sessionCutoff = now - PurgeExpiredSessions.SessionRetention;
        var tokenCutoff = now - PurgeExpiredSessions.TokenRetention;

        // Revoked, or past the absolute expiry, long enough ago: straight deletes.
        var sessions = session.Query<UserSession>();
        var purgedSessions = await sessions.CountAsync(s => s.RevokedAt < sessionCutoff || s.AbsoluteExpiresAt < sessionCutoff, ct);
        session.DeleteWhere<UserSession>(s => s.RevokedAt < sessionCutoff || s.AbsoluteExpiresAt < sessionCutoff);

        // Idle expiry (last seen + idle timeout) is computed; only sessions not seen since the cut-off can qualify.
        var idle = await sessions.Where(s => s.LastSeenAt < sessionCutoff && s.AbsoluteExpiresAt >= sessionCutoff).ToListAsync(ct);
        foreach (var expired in idle.Where(s => s.ExpiresAt < sessionCutoff && !(s.RevokedAt < sessionCutoff)))
        {
            session.Delete(expired);
            purgedSessions++;
        }

        var purgedTokens = await session.Query<EmailToken>().CountAsync(t => t.ExpiresAt < tokenCutoff, ct);
        session.DeleteWhere<EmailToken>(t => t.ExpiresAt < tokenCutoff);

        var purgedPendingSignIns = await session.Query<PendingSignIn>().CountAsync(p => p.ExpiresAt < now, ct);
        session.DeleteWhere<PendingSignIn>(p => p.ExpiresAt < now);

        // Unlocked and past their window: they count for nothing any more.
        var windowCutoff = now - SignInThrottle.Window;
        var stale = (await session.Query<SignInThrottle>()
            .Where(t => t.WindowStartedAt < windowCutoff && (t.LockedUntil == null || t.LockedUntil <= now)).ToListAsync(ct))
            .Where(t => t.IsStaleAt(now)).ToList();
        foreach (var throttle in stale)
            session.Delete(throttle);
        logger.LogInformation("Purged {Sessions} old sessions, {Tokens} old email tokens, {PendingSignIns} expired pending sign-ins and {Throttles} stale sign-in throttles.",
            purgedSessions, purgedTokens, purgedPendingSignIns, stale.Count);

        var next = new OutgoingMessages();
        var job = await session.LoadAsync<ScheduledJob>(PurgeExpiredSessions.JobName, ct);
        if (job is not null && job.NextRunAt == message.RunAt)
            next.Add(PurgeSchedule.ScheduleNext(session, job, after: now > message.RunAt ? now : message.RunAt));
        return next;
    }
}
