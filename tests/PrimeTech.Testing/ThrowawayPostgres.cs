using System.Diagnostics;

namespace PrimeTech.Testing;

/// <summary>
/// A PostgreSQL 15 cluster of a test's own, on a free loopback port, that the test may stop and
/// start (the shared one on the default port serves everyone else). It runs as the <c>postgres</c>
/// OS user, since PostgreSQL refuses root, from a folder under the temp directory that it deletes.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _home;

    private ThrowawayPostgres(string home, int port)
    {
        _home = home;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=60;Timeout=3";

    public string AdminConnectionString() => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<ThrowawayPostgres> CreateAsync()
    {
        var home = Path.Combine("/tmp", "pt-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(home);
        await RunAsync("chown", "postgres:", home);
        var cluster = new ThrowawayPostgres(home, AppFixture.FreeLoopbackPort());
        await cluster.AsPostgresAsync("initdb", "-D", cluster.Data, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await cluster.StartAsync();
        return cluster;
    }

    private string Data => Path.Combine(_home, "data");

    public Task StartAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_home, "postgres.log"), "-w", "-t", "30", "-s",
        "-o", $"-c port={Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_home} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
        "start");

    /// <summary>A fast shutdown: open connections are ended, as when a database server goes down.</summary>
    public Task StopAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-w", "-t", "30", "-s", "-m", "fast", "stop");

    public async ValueTask DisposeAsync()
    {
        await AsPostgresAsync("pg_ctl", "-D", Data, "-w", "-t", "30", "-s", "-m", "immediate", "stop", "--ignore-failure");
        Directory.Delete(_home, recursive: true);
    }

    private Task AsPostgresAsync(string program, params string[] args) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, program), .. args.Where(a => a != "--ignore-failure")],
            mustSucceed: !args.Contains("--ignore-failure"));

    private static Task RunAsync(string program, params string[] args) => RunAsync(program, args, mustSucceed: true);

    private static async Task RunAsync(string program, string[] args, bool mustSucceed)
    {
        // Output is not redirected: pg_ctl's postmaster would inherit the pipe and keep it open.
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        if (mustSucceed && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}.");
    }
}
