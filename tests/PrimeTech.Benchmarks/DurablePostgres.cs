using Npgsql;

namespace PrimeTech.Benchmarks;

/// <summary>
/// A throwaway PostgreSQL cluster of the benchmark's own, on its own port, with fsync and
/// synchronous_commit ON (the shared development cluster runs with both off, which flatters every
/// commit-bound figure). Started as the postgres OS user, removed when disposed.
/// </summary>
public sealed class DurablePostgres : IAsyncDisposable
{
    private readonly string _dataDir;

    private DurablePostgres(string dataDir, int port)
    {
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    public static async Task<DurablePostgres> StartAsync(int port)
    {
        var binDir = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
            .First(d => File.Exists(Path.Combine(d, "initdb")));
        var dataDir = $"/tmp/primetech-bench-pg-{port}";
        if (File.Exists(Path.Combine(dataDir, "postmaster.pid")))
            await RunAsync("runuser", $"-u postgres -- {binDir}/pg_ctl -D {dataDir} -m immediate -w stop", ignoreExit: true);
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        Directory.CreateDirectory(dataDir);
        await RunAsync("chown", $"postgres:postgres {dataDir}");
        await RunAsync("runuser", $"-u postgres -- {binDir}/initdb -D {dataDir} -A trust -U postgres --no-sync -E UTF8");
        var options = $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={dataDir} " +
                      "-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200 -c shared_buffers=256MB";
        await RunAsync("runuser", $"-u postgres -- {binDir}/pg_ctl -D {dataDir} -l {dataDir}/log.txt -w -o \"{options}\" start");
        var postgres = new DurablePostgres(dataDir, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => postgres.DisposeAsync().AsTask().GetAwaiter().GetResult();
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("create database primetech_bench", connection))
            await create.ExecuteNonQueryAsync();
        return postgres;
    }

    /// <summary>What the output states: the server's own settings, as it reports them.</summary>
    public async Task<string> DescribeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        async Task<string> Show(string setting)
        {
            await using var command = new NpgsqlCommand($"show {setting}", connection);
            return (string)(await command.ExecuteScalarAsync())!;
        }
        return $"PostgreSQL {await Show("server_version")} on 127.0.0.1:{Port}: fsync={await Show("fsync")}, " +
               $"synchronous_commit={await Show("synchronous_commit")}, full_page_writes={await Show("full_page_writes")}";
    }

    private int _stopped;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        NpgsqlConnection.ClearAllPools();
        var binDir = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
            .First(d => File.Exists(Path.Combine(d, "pg_ctl")));
        await RunAsync("runuser", $"-u postgres -- {binDir}/pg_ctl -D {_dataDir} -m immediate -w stop", ignoreExit: true);
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private static async Task RunAsync(string file, string arguments, bool ignoreExit = false)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"{file} {arguments}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !ignoreExit)
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {output}{error}");
    }
}
