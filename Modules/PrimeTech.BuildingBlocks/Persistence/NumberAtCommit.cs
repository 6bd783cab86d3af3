using System.Data.Common;
using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace PrimeTech.BuildingBlocks.Persistence;

/// <summary>
/// Numbering inside COMMIT. A transaction that wants a number inserts a request row
/// (<see cref="AssignNumberLast"/>); the table's deferred constraint trigger runs when the
/// transaction commits, after its last statement: it bumps the series' counter, writes the number
/// into every target row and deletes the request. The counter's row lock is therefore held only for
/// the commit itself, so concurrent payments no longer queue behind each other's round trips, and a
/// transaction that rolls back never reaches the counter. A request whose target row is missing
/// fails the commit, so nothing is numbered half way.
/// </summary>
public static class NumberAtCommit
{
    public const string RequestTable = "number_requests";
    private const string FunctionName = "number_on_commit";

    internal static void AddTo(StoreOptions options)
    {
        var schema = options.DatabaseSchemaName;
        var requests = new Table(new PostgresqlObjectName(schema, RequestTable, SchemaUtils.IdentifierUsage.General));
        requests.AddColumn<Guid>("id").AsPrimaryKey();
        requests.AddColumn<string>("series").NotNull();
        requests.AddColumn("targets", "jsonb").NotNull();

        var function = new Function(new PostgresqlObjectName(schema, FunctionName, SchemaUtils.IdentifierUsage.General), $$"""
            CREATE OR REPLACE FUNCTION {{schema}}.{{FunctionName}}() RETURNS trigger
            LANGUAGE plpgsql AS $function$
            DECLARE
              next_value bigint;
              number jsonb;
              target jsonb;
              updated integer;
            BEGIN
              INSERT INTO {{schema}}.number_series AS s (name, value) VALUES (NEW.series, 1)
                ON CONFLICT (name) DO UPDATE SET value = s.value + 1 RETURNING value INTO next_value;
              number := to_jsonb(NEW.series || '-' || lpad(next_value::text, greatest(6, length(next_value::text)), '0'));
              FOR target IN SELECT jsonb_array_elements(NEW.targets) LOOP
                EXECUTE format('UPDATE %I.%I SET data = jsonb_set(data, ARRAY[$1], $2) WHERE id = $3', TG_TABLE_SCHEMA, target->>'table')
                  USING target->>'field', number, (target->>'id')::uuid;
                GET DIAGNOSTICS updated = ROW_COUNT;
                IF updated = 0 THEN
                  RAISE EXCEPTION 'Number % of series % has no row % in %', number, NEW.series, target->>'id', target->>'table';
                END IF;
              END LOOP;
              DELETE FROM {{schema}}.{{RequestTable}} WHERE id = NEW.id;
              RETURN NULL;
            END
            $function$;
            """);

        options.Storage.ExtendedSchemaObjects.Add(requests);
        options.Storage.ExtendedSchemaObjects.Add(function);
        options.Storage.ExtendedSchemaObjects.Add(new DeferredInsertTrigger(requests.Identifier, FunctionName, $"{schema}.{FunctionName}()"));
    }
}

/// <summary>
/// <c>CREATE CONSTRAINT TRIGGER … AFTER INSERT … DEFERRABLE INITIALLY DEFERRED FOR EACH ROW</c> as a
/// schema object, so <c>migrate</c> creates it and finds it unchanged afterwards. Weasel's own
/// trigger renders no constraint triggers.
/// </summary>
internal sealed class DeferredInsertTrigger(DbObjectName table, string name, string functionCall) : ISchemaObject
{
    public DbObjectName Identifier { get; } = new PostgresqlObjectName(table.Schema, name, SchemaUtils.IdentifierUsage.General);

    /// <summary>The statement as <c>pg_get_triggerdef</c> renders it, so the two compare.</summary>
    private string Definition =>
        $"CREATE CONSTRAINT TRIGGER {name} AFTER INSERT ON {table.QualifiedName} " +
        $"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {functionCall}";

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        WriteDropStatement(migrator, writer);
        writer.WriteLine(Definition + ";");
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer) =>
        writer.WriteLine($"DROP TRIGGER IF EXISTS {name} ON {table.QualifiedName};");

    public void ConfigureQueryCommand(Weasel.Core.DbCommandBuilder builder)
    {
        var trigger = builder.AddParameter(name).ParameterName;
        var relation = builder.AddParameter(table.Name).ParameterName;
        var schema = builder.AddParameter(table.Schema).ParameterName;
        builder.Append($"""
            SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND t.tgname = :{trigger} AND c.relname = :{relation} AND n.nspname = :{schema};
            """);
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        var existing = await reader.ReadAsync(ct) ? reader.GetString(0) : null;
        var difference = existing is null ? SchemaPatchDifference.Create
            : Normalise(existing) == Normalise(Definition) ? SchemaPatchDifference.None
            : SchemaPatchDifference.Update;
        return new SchemaObjectDelta(this, difference);
    }

    public IEnumerable<DbObjectName> AllNames() => [Identifier];

    private static string Normalise(string sql) =>
        string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';').ToLowerInvariant();
}
