using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Wolverine.Marten;

namespace PrimeTech.Booking.Availability;

/// <summary>
/// The concurrency guard for "one booking per slot": a table keyed by 15-minute block start. A
/// booking inserts a row for every block it covers inside its own transaction; a concurrent
/// request for any of those blocks waits on the key and then finds it taken. Rows are deleted
/// when a booking is cancelled or declined, which frees the slot.
/// </summary>
public static class SlotClaims
{
    public const string Table = "slot_blocks";

    public static void AddSlotClaimsTable(this StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("block_start", "timestamp with time zone").AsPrimaryKey();
        table.AddColumn("booking_id", "uuid").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{Table}_booking_id") { Columns = ["booking_id"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>
    /// Claims every block in the session's transaction (which it opens). Returns false when any
    /// block is already held; the caller must then abandon the session without saving.
    /// </summary>
    public static async Task<bool> TryClaimAsync(IDocumentSession session, Guid bookingId,
        IReadOnlyList<DateTimeOffset> blocks, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var claimed = await session.AdvancedSql.QueryAsync<int>(
            $"with claimed as (insert into {schema}.{Table} (block_start, booking_id) " +
            "select b, ? from unnest(?::timestamptz[]) as b order by b " +
            "on conflict (block_start) do nothing returning 1) select count(*)::int from claimed",
            ct, bookingId, blocks.Select(b => b.ToUniversalTime()).ToArray());
        return claimed[0] == blocks.Count;
    }

    /// <summary>Frees a booking's blocks as part of the session's next save (a storage effect a handler returns).</summary>
    public sealed record Release(Guid BookingId) : IMartenOp
    {
        public void Execute(IDocumentSession session)
        {
            var schema = session.DocumentStore.Options.DatabaseSchemaName;
            session.QueueSqlCommand($"delete from {schema}.{Table} where booking_id = ?", BookingId);
        }
    }
}
