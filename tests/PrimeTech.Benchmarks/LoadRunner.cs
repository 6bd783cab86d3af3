namespace PrimeTech.Benchmarks;

/// <summary>
/// The benchmark's own client for requests wrk cannot make (each one needs data of its own: signed
/// webhooks of distinct payments, checkouts of distinct carts, activations of distinct licences):
/// exactly <c>requests</c> requests from a fixed number of workers; latency is the timed part only.
/// </summary>
public static class LoadRunner
{
    /// <summary><paramref name="send"/> does request i and returns whether it succeeded and how long its timed part took.</summary>
    public static async Task<BenchResult> RunAsync(string scenario, int requests, int concurrency, Func<int, Task<(bool Ok, TimeSpan Took)>> send)
    {
        var latencies = new double[requests];
        var failures = 0;
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                bool ok;
                TimeSpan took;
                try
                {
                    (ok, took) = await send(i);
                }
                catch (HttpRequestException)
                {
                    (ok, took) = (false, TimeSpan.Zero);
                }
                latencies[i] = took.TotalMilliseconds;
                if (!ok) Interlocked.Increment(ref failures);
            }
        }));
        total.Stop();

        Array.Sort(latencies);
        double Percentile(double p) => Math.Round(latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)], 2);
        return new BenchResult(scenario, requests, concurrency, failures, Math.Round(requests / total.Elapsed.TotalSeconds, 1),
            Percentile(0.50), Percentile(0.99), null);
    }

    /// <summary>Times one call.</summary>
    public static async Task<(bool Ok, TimeSpan Took)> Timed(Func<Task<bool>> call)
    {
        var watch = Stopwatch.StartNew();
        var ok = await call();
        return (ok, watch.Elapsed);
    }
}
