using System.Text;
using Npgsql;
using NpgsqlTypes;
using PrimeTech.BuildingBlocks.Operations;

namespace PrimeTech.Audit.Trail;

/// <summary>
/// The audit trail: one append-only table, <see cref="Table"/>. Entries are only ever inserted
/// (a redelivered entry id is ignored); the database itself refuses UPDATE, DELETE and TRUNCATE
/// with a trigger, so not even a bug or a hand-typed statement can rewrite history.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource database)
{
    public const string Schema = "audit";
    public const string Table = Schema + ".entries";

    private const string Columns = "id, at, actor_id, actor_email, ip_address, action, target, succeeded, status, reason";

    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"insert into {Table} ({Columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (id) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.At.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.ActorId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(Text(entry.ActorEmail?.ToLowerInvariant()));
        command.Parameters.Add(Text(entry.IpAddress));
        command.Parameters.Add(Text(entry.Action));
        command.Parameters.Add(Text(entry.Target));
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Succeeded });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Status });
        command.Parameters.Add(Text(entry.Reason));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Newest first; every filter is optional and uses an index (see <see cref="Migration"/>).</summary>
    public async Task<(IReadOnlyList<AuditEntry> Items, int TotalCount)> ListAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var where = new StringBuilder(" where true");
        var parameters = new List<NpgsqlParameter>();
        void Condition(string sql, object value, NpgsqlDbType type)
        {
            parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            where.Append(" and ").Append(sql.Replace("@", "$" + parameters.Count));
        }

        if (filter.ActorId is { } actorId) Condition("actor_id = @", actorId, NpgsqlDbType.Uuid);
        if (filter.ActorEmail is { } actorEmail) Condition("actor_email = @", actorEmail.ToLowerInvariant(), NpgsqlDbType.Text);
        if (filter.Action is { } action) Condition("action = @", action, NpgsqlDbType.Text);
        if (filter.Target is { } target) Condition("lower(target) = lower(@)", target, NpgsqlDbType.Text);
        if (filter.Succeeded is { } succeeded) Condition("succeeded = @", succeeded, NpgsqlDbType.Boolean);
        if (filter.FromUtc is { } from) Condition("at >= @", from, NpgsqlDbType.TimestampTz);
        if (filter.BeforeUtc is { } before) Condition("at < @", before, NpgsqlDbType.TimestampTz);

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        var count = new NpgsqlBatchCommand($"select count(*) from {Table}{where}");
        var rows = new NpgsqlBatchCommand(
            $"select {Columns} from {Table}{where} order by at desc, id desc limit {pageSize} offset {(long)(page - 1) * pageSize}");
        foreach (var command in new[] { count, rows })
            foreach (var p in parameters)
                command.Parameters.Add(p.Clone());
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(rows);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync(ct);
        return (await ReadEntriesAsync(reader, ct), total);
    }

    /// <summary>
    /// One user's own security events (actions under <c>auth.</c>: sign-ins, password and two-factor
    /// changes), newest first, at most <paramref name="limit"/>; index <c>entries_actor_id</c>.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> SecurityEventsOfAsync(Guid actorId, int limit, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"select {Columns} from {Table} where actor_id = $1 and action like 'auth.%' order by at desc, id desc limit $2");
        command.Parameters.Add(new NpgsqlParameter { Value = actorId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadEntriesAsync(reader, ct);
    }

    private static async Task<List<AuditEntry>> ReadEntriesAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var items = new List<AuditEntry>();
        while (await reader.ReadAsync(ct))
            items.Add(new AuditEntry(
                reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2), NullableText(reader, 3), NullableText(reader, 4),
                reader.GetString(5), NullableText(reader, 6), reader.GetBoolean(7), reader.GetInt32(8), NullableText(reader, 9)));
        return items;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static string? NullableText(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// Creates the schema, the table, an index per filter (each ending in the list's order, so a
    /// filtered page is read in order) and the trigger that keeps the table append-only; for <c>migrate</c>.
    /// </summary>
    public sealed class Migration(NpgsqlDataSource database) : IMigrationStep
    {
        public async Task<string> RunAsync(CancellationToken ct)
        {
            await using var command = database.CreateCommand($"""
                create schema if not exists {Schema};
                create table if not exists {Table} (
                    id uuid primary key,
                    at timestamptz not null,
                    actor_id uuid,
                    actor_email text,
                    ip_address text,
                    action text not null,
                    target text,
                    succeeded boolean not null,
                    status integer not null,
                    reason text);
                create index if not exists entries_at on {Table} (at desc, id desc);
                create index if not exists entries_actor_id on {Table} (actor_id, at desc, id desc);
                create index if not exists entries_actor_email on {Table} (actor_email, at desc, id desc);
                create index if not exists entries_action on {Table} (action, at desc, id desc);
                create index if not exists entries_target on {Table} (lower(target), at desc, id desc);
                create or replace function {Schema}.refuse_entry_change() returns trigger language plpgsql as $$
                begin
                    raise exception 'The audit trail is append-only: % is not allowed on %', tg_op, tg_table_name
                        using errcode = 'insufficient_privilege';
                end $$;
                create or replace trigger entries_append_only before update or delete on {Table}
                    for each row execute function {Schema}.refuse_entry_change();
                create or replace trigger entries_no_truncate before truncate on {Table}
                    for each statement execute function {Schema}.refuse_entry_change();
                """);
            await command.ExecuteNonQueryAsync(ct);
            return $"Audit trail {Table} is up to date (append-only).";
        }
    }
}

/// <summary>The filters of the audit list; null means no filter. Dates are already turned into UTC bounds.</summary>
public sealed record AuditFilter(
    Guid? ActorId, string? ActorEmail, string? Action, string? Target, bool? Succeeded, DateTimeOffset? FromUtc, DateTimeOffset? BeforeUtc);
