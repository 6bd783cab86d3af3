using System.Text.RegularExpressions;

namespace PrimeTech.Benchmarks;

/// <summary>One wrk request shape: method, cookie, headers and body, the same for every request.</summary>
public sealed record WrkRequest(
    string Method = "GET", string? Body = null, string? Cookie = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Debian's wrk in a process of its own (1 thread, the given connections, a fixed duration, latency
/// distribution), with a Lua script for POST bodies and cookies. Output parsed into a result row.
/// </summary>
public static partial class Wrk
{
    public static async Task<BenchResult> RunAsync(string scenario, string url, WrkRequest request, int connections, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"primetech-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Lua(request));
        try
        {
            var start = new ProcessStartInfo("wrk",
                ["-t1", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "--timeout", "10s", "-s", script, url])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {output}{error}");
            return Parse(scenario, connections, output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Lua(WrkRequest request)
    {
        var lua = new StringBuilder();
        lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.method = \"{request.Method}\"");
        if (request.Cookie is not null) lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[\"Cookie\"] = {Quote(request.Cookie)}");
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
            lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[{Quote(name)}] = {Quote(value)}");
        if (request.Body is not null) lua.AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"");
        if (request.Body is not null) lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.body = {Quote(request.Body)}");
        return lua.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    internal static BenchResult Parse(string scenario, int connections, string output)
    {
        var requests = int.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => int.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new BenchResult(scenario, requests, connections, non2xx + socket, Math.Round(rps, 1),
            Percentile(output, "50%"), Percentile(output, "99%"), null);
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var ms = match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
        return Math.Round(ms, 2);
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
