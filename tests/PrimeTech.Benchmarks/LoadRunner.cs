using System.Diagnostics;

namespace PrimeTech.Benchmarks;

public sealed record LatencyReport(string Scenario, int Requests, int Concurrency, int Failures, double RequestsPerSecond,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public override string ToString() =>
        $"{Scenario,-44} n={Requests,5} c={Concurrency,3} fail={Failures,3}  {RequestsPerSecond,8:F0} req/s  p50 {P50Ms,7:F1} ms  p95 {P95Ms,7:F1} ms  p99 {P99Ms,7:F1} ms  max {MaxMs,7:F1} ms";
}

/// <summary>
/// Sends a bounded number of requests with a fixed number of workers, to loopback only, and
/// reports latency percentiles. A warm-up pass runs first so JIT and Wolverine code generation
/// are not measured.
/// </summary>
public static class LoadRunner
{
    public static async Task<LatencyReport> RunAsync(string scenario, int requests, int concurrency,
        Func<int, Task<bool>> send, int warmup = 20)
    {
        for (var i = 0; i < warmup; i++) await send(-1 - i);

        var latencies = new double[requests];
        var failures = 0;
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var watch = Stopwatch.StartNew();
                var ok = await send(i);
                latencies[i] = watch.Elapsed.TotalMilliseconds;
                if (!ok) Interlocked.Increment(ref failures);
            }
        }));
        total.Stop();

        Array.Sort(latencies);
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        return new LatencyReport(scenario, requests, concurrency, failures, requests / total.Elapsed.TotalSeconds,
            Percentile(0.50), Percentile(0.95), Percentile(0.99), latencies[^1]);
    }
}
