using System.Net;

namespace PrimeTech.Benchmarks;

/// <summary><c>.dev/bench/results.json</c>, <c>results.md</c> and <c>results.svg</c> (each scenario's ratio to the B0 run just before it).</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(IReadOnlyList<BenchResult> results, IReadOnlyList<string> notes, string machine)
    {
        Directory.CreateDirectory(BenchPaths.Output);
        await File.WriteAllTextAsync(Path.Combine(BenchPaths.Output, "results.json"),
            JsonSerializer.Serialize(results, Indented));
        await File.WriteAllTextAsync(Path.Combine(BenchPaths.Output, "results.md"), Markdown(results, notes, machine));
        await File.WriteAllTextAsync(Path.Combine(BenchPaths.Output, "results.svg"), Svg(results));
    }

    public static string Markdown(IReadOnlyList<BenchResult> results, IReadOnlyList<string> notes, string machine)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Benchmark of {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {machine}.").AppendLine();
        md.AppendLine("| scenario | requests | concurrency | failures | req/s | p50 | p99 | vs B0 |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Requests} | {r.Concurrency} | {r.Failures} | {r.Rps:N0} | {r.P50Ms:0.##} ms | {r.P99Ms:0.##} ms | {(r.RatioToB0 is { } x ? x.ToString("0.###", CultureInfo.InvariantCulture) : "")} |"));
        md.AppendLine();
        foreach (var note in notes) md.AppendLine("- " + note);
        return md.ToString();
    }

    private static string Svg(IReadOnlyList<BenchResult> results)
    {
        var rows = results.Where(r => r.RatioToB0 is not null && !r.Scenario.StartsWith("B0", StringComparison.Ordinal)).ToList();
        const int rowHeight = 26, left = 330, width = 900, barSpace = 480;
        var max = Math.Max(0.1, rows.Select(r => r.RatioToB0!.Value).DefaultIfEmpty(1).Max());
        var height = 50 + rows.Count * rowHeight;
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"13\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Throughput as a ratio of B0 (GET /health/live, measured just before each scenario)</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = 40 + i * rowHeight;
            var bar = r.RatioToB0!.Value / max * barSpace;
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{WebUtility.HtmlEncode(r.Scenario)}</text>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{bar:0.#}\" height=\"{rowHeight - 8}\" fill=\"#3b6ea5\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left + bar + 6:0.#}\" y=\"{y + 15}\">{r.RatioToB0:0.###} ({r.Rps:N0}/s)</text>");
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }
}
