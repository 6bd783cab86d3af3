using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using PrimeTech.BuildingBlocks.Money;

namespace PrimeTech.Web.Pages.Admin;

/// <summary>
/// A server-rendered SVG bar chart of amounts in pence (the dashboard's days, the revenue page's
/// months), in SVG user units: bars rise from the zero line, or hang below it for a negative
/// amount, scaled to the largest amount either way. No script; the pages put the same data in a table.
/// </summary>
public sealed record BarChart(IReadOnlyList<BarChart.Bar> Bars, IReadOnlyList<BarChart.Label> Labels, long MaxPence, long MinPence, double ZeroY)
{
    public const double Width = 640;
    public const double Height = 220;
    public const double Left = 8;
    public const double Top = 20;
    public const double Bottom = 190;

    public sealed record Point(string Label, long Pence, string Title);
    public sealed record Bar(double X, double Y, double Width, double Height, string Title, bool Negative);
    public sealed record Label(double X, string Text);

    /// <summary>The chart of <paramref name="points"/>, with an axis label under each point <paramref name="labelled"/> picks (by index).</summary>
    public static BarChart For(IReadOnlyList<Point> points, Func<int, bool> labelled)
    {
        var max = points.Count == 0 ? 0 : Math.Max(0, points.Max(p => p.Pence));
        var min = points.Count == 0 ? 0 : Math.Min(0, points.Min(p => p.Pence));
        var span = (double)Math.Max(1, max - min);
        var zeroY = Top + (Bottom - Top) * max / span;
        var slot = (Width - 2 * Left) / Math.Max(1, points.Count);
        var bars = new List<Bar>();
        var labels = new List<Label>();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var height = (Bottom - Top) * Math.Abs(point.Pence) / span;
            var x = Left + i * slot;
            bars.Add(new Bar(Round(x + slot * 0.15), Round(point.Pence < 0 ? zeroY : zeroY - height), Round(slot * 0.7), Round(height),
                $"{point.Title}: {Vat.Pounds(point.Pence)}", point.Pence < 0));
            if (labelled(i)) labels.Add(new Label(Round(x + slot / 2), point.Label));
        }
        return new BarChart(bars, labels, max, min, Round(zeroY));
    }

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An SVG <c>text</c> label (Razor reserves the <c>text</c> tag, so it is written here, encoded).</summary>
    public static IHtmlContent Text(double x, double y, string anchor, string content) =>
        new HtmlString($"<text class=\"axis-label\" x=\"{Number(x)}\" y=\"{Number(y)}\" text-anchor=\"{anchor}\">{HtmlEncoder.Default.Encode(content)}</text>");

    private static double Round(double value) => Math.Round(value, 2);
}
