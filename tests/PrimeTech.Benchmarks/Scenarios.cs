namespace PrimeTech.Benchmarks;

/// <summary>Each scenario is a bounded burst of real requests against one endpoint.</summary>
public static class Scenarios
{
    private static readonly Dictionary<string, Func<BenchSite, Task<LatencyReport>>> All = new()
    {
        ["home-page"] = site => Get(site, "GET / (home page)", "/", 2000, 16),
        ["health-ready"] = site => Get(site, "GET /health/ready (PostgreSQL + S3)", "/health/ready", 1000, 16),
        ["api-not-found"] = site => Get(site, "GET /api/unknown (problem+json)", "/api/unknown", 2000, 16, expected: 404),
    };

    public static string[] Names => [.. All.Keys];

    public static Task<LatencyReport> RunAsync(string name, BenchSite site) =>
        All.TryGetValue(name, out var run) ? run(site) : throw new ArgumentException($"Unknown scenario '{name}'. Known: {string.Join(", ", Names)}");

    private static Task<LatencyReport> Get(BenchSite site, string label, string path, int requests, int concurrency, int expected = 200) =>
        LoadRunner.RunAsync(label, requests, concurrency, async _ =>
        {
            using var response = await site.Http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            return (int)response.StatusCode == expected;
        });
}
