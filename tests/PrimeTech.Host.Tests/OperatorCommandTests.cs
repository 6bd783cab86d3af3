using Npgsql;

namespace PrimeTech.Host.Tests;

/// <summary>The operator's <c>migrate</c> and <c>seed</c>, run as the real executable against the fixture's database.</summary>
[Collection(HostCollection.Name)]
public sealed class OperatorCommandTests(HostFixture app)
{
    private const string ModuleSchemas = "('identity','ordering','billing','licensing','storage','booking','wolverine')";

    [Fact]
    public async Task Migrate_a_second_time_changes_nothing()
    {
        var before = await SchemaSnapshotAsync();

        var again = await app.RunHostCommandAsync("migrate");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Schema 'billing' is up to date.", again.Output);
        Assert.Contains("already exists", again.Output);
        Assert.Equal(before, await SchemaSnapshotAsync());
    }

    [Fact]
    public async Task Seed_a_second_time_adds_nothing()
    {
        var before = await RowCountsAsync();

        var again = await app.RunHostCommandAsync("seed");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before, await RowCountsAsync());
    }

    [Fact]
    public async Task Migrate_reports_an_unreachable_database_and_fails()
    {
        var unreachable = new AppFixture();
        unreachable.Settings["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere;Timeout=3";

        var result = await unreachable.RunHostCommandAsync("migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("database is unreachable", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData(true, true, "Seed:AdminEmail and Seed:AdminPassword")]
    [InlineData(true, false, "Seed:AdminEmail")]
    [InlineData(false, true, "Seed:AdminPassword")]
    public async Task Seed_without_the_admin_email_or_password_is_a_usage_error_naming_the_keys(bool noEmail, bool noPassword, string named)
    {
        var seed = new AppFixture();
        seed.Settings["ConnectionStrings:Postgres"] = app.Settings["ConnectionStrings:Postgres"];
        if (noEmail) seed.Settings.Remove("Seed:AdminEmail");
        if (noPassword) seed.Settings.Remove("Seed:AdminPassword");

        var result = await seed.RunHostCommandAsync("seed");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the first admin needs {named} ", result.Error);
        if (!noEmail) Assert.DoesNotContain("Seed:AdminEmail", result.Error);
        if (!noPassword) Assert.DoesNotContain("Seed:AdminPassword", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task An_unknown_command_is_refused()
    {
        var result = await app.RunHostCommandAsync("frobnicate");
        Assert.NotEqual(0, result.ExitCode);
    }

    private async Task<string> SchemaSnapshotAsync() => await QueryLinesAsync(
        $"select table_schema || '.' || table_name || '.' || column_name || ':' || data_type from information_schema.columns where table_schema in {ModuleSchemas} " +
        $"union all select schemaname || '.' || indexname || ':' || indexdef from pg_indexes where schemaname in {ModuleSchemas} order by 1");

    private async Task<string> RowCountsAsync()
    {
        var tables = await QueryLinesAsync(
            $"select table_schema || '.' || table_name from information_schema.tables where table_schema in {ModuleSchemas} and table_type = 'BASE TABLE' and table_name like 'mt_doc_%' order by 1");
        var counts = new List<string>();
        foreach (var table in tables.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            counts.Add(table + "=" + await QueryLinesAsync($"select count(*)::text from {table}"));
        return string.Join('\n', counts);
    }

    private async Task<string> QueryLinesAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }
}
