namespace PrimeTech.Benchmarks;

/// <summary>
/// Starts the app on Kestrel (Production code paths, a database and bucket of its own) on the
/// services from build/services, runs each scenario (all, or those named as arguments), prints
/// one line per scenario and writes them to .dev/bench/results.txt.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task Main(string[] args)
    {
        var scenarios = args.Length > 0 ? args : Scenarios.Names;
        await using var site = await BenchSite.StartAsync();
        var reports = new List<LatencyReport>();
        foreach (var name in scenarios)
        {
            var report = await Scenarios.RunAsync(name, site);
            Console.WriteLine(report);
            reports.Add(report);
        }

        var output = Path.Combine(BenchSite.RepoRoot, ".dev", "bench");
        Directory.CreateDirectory(output);
        await File.WriteAllLinesAsync(Path.Combine(output, "results.txt"),
            [$"# {DateTimeOffset.UtcNow:u} on {Environment.ProcessorCount} cores", .. reports.Select(r => r.ToString())]);
    }
}
