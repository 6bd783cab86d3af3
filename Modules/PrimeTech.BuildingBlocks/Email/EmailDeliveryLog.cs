using Npgsql;
using PrimeTech.BuildingBlocks.Operations;

namespace PrimeTech.BuildingBlocks.Email;

/// <summary>
/// The emails SMTP has accepted, by the id of the Wolverine envelope that carried them. An instance
/// killed after the send but before Wolverine marked the envelope handled recovers that envelope
/// and runs it again; the log turns that second run into nothing. What is left is the moment
/// between SMTP's answer and this one-row insert, instead of Wolverine's batched bookkeeping.
/// Rows older than 30 days go as new ones come (recovery happens within minutes).
/// </summary>
public sealed class EmailDeliveryLog(NpgsqlDataSource database)
{
    public const string Table = "wolverine.email_deliveries";

    public async Task<bool> WasSentAsync(Guid envelopeId, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"select exists (select 1 from {Table} where envelope_id = $1)");
        command.Parameters.AddWithValue(envelopeId);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task RecordSentAsync(Guid envelopeId, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"with expired as (delete from {Table} where sent_at < now() - interval '30 days') " +
            $"insert into {Table} (envelope_id) values ($1) on conflict do nothing");
        command.Parameters.AddWithValue(envelopeId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Creates the table for <c>migrate</c>, beside Wolverine's own tables.</summary>
    public sealed class Migration(NpgsqlDataSource database) : IMigrationStep
    {
        public async Task<string> RunAsync(CancellationToken ct)
        {
            await using var command = database.CreateCommand(
                $"create table if not exists {Table} (envelope_id uuid primary key, sent_at timestamptz not null default now()); " +
                $"create index if not exists email_deliveries_sent_at on {Table} (sent_at)");
            await command.ExecuteNonQueryAsync(ct);
            return $"Email delivery log {Table} is up to date.";
        }
    }
}
