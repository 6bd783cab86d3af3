using PrimeTech.BuildingBlocks.Persistence;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Wolverine.Marten;

namespace PrimeTech.Booking.Bookings;

/// <summary>
/// Failed guest proofs (reference + email, when tracking or cancelling) counted in the database per
/// reference and per email, so the count holds across client IPs and app instances. 5 failures
/// within 15 minutes lock that key for 15 minutes: every attempt naming a locked reference or email
/// answers 429 RATE_LIMITED, the right email included. Each failure also deletes a batch of stale
/// rows, so the table holds little more than the last 15 minutes of failures (DECISIONS D-070).
/// </summary>
public static class TrackingThrottle
{
    public const string Table = "track_failures";
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    /// <summary>Stale rows one failure deletes at most: the table only grows by failures, so it keeps up.</summary>
    public const int PurgeBatch = 500;

    public static void AddTrackingThrottleTable(this StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("key", "text").AsPrimaryKey();
        table.AddColumn("failures", "integer").NotNull();
        table.AddColumn("window_started_at", "timestamp with time zone").NotNull();
        table.AddColumn("locked_until", "timestamp with time zone");
        table.Indexes.Add(new IndexDefinition($"ix_{Table}_window_started_at") { Columns = ["window_started_at"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>The counters an attempt feeds: its reference (when well formed) and its email (when given), in lock order.</summary>
    public static IReadOnlyList<string> KeysOf(string? normalisedReference, string? email)
    {
        var keys = new List<string>(2);
        if (!string.IsNullOrEmpty(normalisedReference)) keys.Add("reference:" + normalisedReference);
        var normalisedEmail = ContactRules.NormaliseEmail(email);
        if (normalisedEmail.Length > 0) keys.Add("email:" + normalisedEmail);
        return keys;
    }

    /// <summary>
    /// Serialises the attempts on these keys until the session's transaction ends (reference before
    /// email, so two attempts never wait on each other in a circle), then refuses if any key is locked.
    /// Concurrent attempts are thus counted one after another: no more than 5 get past a fresh counter.
    /// </summary>
    public static async Task EnsureNotLockedAsync(IDocumentSession session, IReadOnlyList<string> keys, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var key in keys)
            await TransactionLock.AcquireAsync(session, "booking-track", key, ct);
        if (keys.Count == 0) return;
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var until = await session.AdvancedSql.QueryAsync<DateTimeOffset>(
            $"select locked_until from {schema}.{Table} where key = any(?) and locked_until > ? order by locked_until desc limit 1",
            ct, keys.ToArray(), now.ToUniversalTime());
        if (until.Count == 0) return;
        var wait = until[0] - now;
        throw new DomainException(ErrorCode.RateLimited,
            $"Too many attempts to find this booking. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minutes, or use the link in your booking email.")
        {
            RetryAfter = wait,
        };
    }

    /// <summary>A failed proof, counted on each key as part of the session's next save (a storage effect a handler returns).</summary>
    public sealed record Failure(IReadOnlyList<string> Keys, DateTimeOffset Now) : IMartenOp
    {
        public void Execute(IDocumentSession session) => RecordFailure(session, Keys, Now);
    }

    /// <summary>Counts a failure on each key as part of the session's next save, and deletes a batch of stale rows.</summary>
    private static void RecordFailure(IDocumentSession session, IReadOnlyList<string> keys, DateTimeOffset now)
    {
        if (keys.Count == 0) return;
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var at = now.ToUniversalTime();
        var windowCutoff = at - Window;
        session.QueueSqlCommand(
            $"insert into {schema}.{Table} as t (key, failures, window_started_at) select k, 1, ? from unnest(?::text[]) as k " +
            "on conflict (key) do update set " +
            "failures = case when t.window_started_at > ? then t.failures + 1 else 1 end, " +
            "window_started_at = case when t.window_started_at > ? then t.window_started_at else excluded.window_started_at end",
            at, keys.ToArray(), windowCutoff, windowCutoff);
        // The failure that reaches the limit locks the key and starts a fresh count.
        session.QueueSqlCommand(
            $"update {schema}.{Table} set locked_until = ?, failures = 0, window_started_at = ? where key = any(?::text[]) and failures >= ?",
            at + LockDuration, at, keys.ToArray(), MaxFailures);
        // Rows another attempt holds are skipped, so the purge never waits or deadlocks.
        session.QueueSqlCommand(
            $"delete from {schema}.{Table} where key in (select key from {schema}.{Table} " +
            "where window_started_at <= ? and (locked_until is null or locked_until <= ?) " +
            $"limit {PurgeBatch} for update skip locked)",
            windowCutoff, at);
    }
}
