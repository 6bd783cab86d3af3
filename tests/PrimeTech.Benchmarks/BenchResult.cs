namespace PrimeTech.Benchmarks;

/// <summary>One row of <c>.dev/bench/results.json</c>.</summary>
public sealed record BenchResult(
    string Scenario, int Requests, int Concurrency, int Failures, double Rps, double P50Ms, double P99Ms, double? RatioToB0);

public static class BenchPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Output => Path.Combine(RepoRoot, ".dev", "bench");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PrimeTech.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
