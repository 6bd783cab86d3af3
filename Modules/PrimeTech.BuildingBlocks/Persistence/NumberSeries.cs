using Marten;
using Wolverine.Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.BuildingBlocks.Persistence;

/// <summary>
/// Gap-free counters: one row per series, incremented inside the caller's transaction, so a number
/// exists only if the document that uses it commits. Concurrent callers queue on the row lock;
/// this holds across app instances because the lock is PostgreSQL's.
/// </summary>
public static class NumberSeries
{
    /// <summary>Adds the counter table to a module store's schema, so <c>migrate</c> creates it.</summary>
    public static void AddNumberSeriesTable(this StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, "number_series", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("name").AsPrimaryKey();
        table.AddColumn<long>("value").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(table);
        NumberAtCommit.AddTo(options);
    }

    public static async Task<long> NextAsync(IDocumentSession session, string schema, string series, long max, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var values = await session.AdvancedSql.QueryAsync<long>(
            $"insert into {schema}.number_series as s (name, value) values (?, 1) " +
            "on conflict (name) do update set value = s.value + 1 returning value",
            ct, series);
        var next = values[0];
        if (next > max)
            throw Exhausted(series, max);
        return next;
    }

    /// <summary>
    /// Refuses (SERIES_EXHAUSTED) when the series has no number left, without taking its row lock:
    /// for a caller that takes the number later, inside its COMMIT (<see cref="AssignLast"/>).
    /// </summary>
    public static async Task EnsureNotExhaustedAsync(IDocumentSession session, string schema, string series, long max, CancellationToken ct)
    {
        var values = await session.AdvancedSql.QueryAsync<long>($"select value from {schema}.number_series where name = ?", ct, series);
        if (values.Count > 0 && values[0] >= max)
            throw Exhausted(series, max);
    }

    /// <summary>
    /// The storage effect that numbers documents inserted with a placeholder: at commit, the series'
    /// next number is written, as <c>{series}-{NNNNNN}</c>, into the JSON field of every target row
    /// (<see cref="AssignNumberLast"/>). A full series is refused while loading
    /// (<see cref="EnsureNotExhaustedAsync"/>); should two writers race past the maximum, the later
    /// number grows a seventh digit rather than repeat.
    /// </summary>
    public static IMartenOp AssignLast(string schema, string series, IReadOnlyList<NumberTarget> targets) =>
        targets.Count == 0
            ? throw new ArgumentException("Name at least one document to number.", nameof(targets))
            : new AssignNumberLast(schema, series, targets);

    private static DomainException Exhausted(string series, long max) =>
        new(new ErrorCode("SERIES_EXHAUSTED", 503, "Numbering series exhausted."),
            $"The series {series} has reached its maximum of {max} for this year.");
}

/// <summary>
/// The storage effect <see cref="NumberSeries.AssignLast"/> returns: a row in <c>number_requests</c>
/// naming the series and the target rows. The row's deferred constraint trigger
/// (<see cref="NumberAtCommit"/>) takes the number inside COMMIT, after every statement of the
/// transaction, so the series' row lock is held for the commit alone and not across the round trips
/// between the write batch and the commit.
/// </summary>
public sealed record AssignNumberLast(string Schema, string Series, IReadOnlyList<NumberTarget> Targets) : IMartenOp
{
    public void Execute(IDocumentSession session)
    {
        var targets = System.Text.Json.JsonSerializer.Serialize(
            Targets.Select(t => new { table = t.Table, field = t.JsonField, id = t.DocumentId }));
        session.QueueSqlCommand(
            $"insert into {Schema}.{NumberAtCommit.RequestTable} (id, series, targets) values (?, ?, ?::jsonb)",
            Guid.CreateVersion7(), Series, targets);
    }
}

/// <summary>A document row that receives a number: its Marten table (e.g. <c>mt_doc_receipt</c>), the JSON field and the row's id.</summary>
public sealed record NumberTarget(string Table, string JsonField, Guid DocumentId);
