using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.Billing.Contracts;
using PrimeTech.Booking.Contracts;
using PrimeTech.Identity.Contracts;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.Ordering.Contracts;
using Wolverine;

namespace PrimeTech.Web.Pages.Admin;

/// <summary>
/// The admin dashboard (BE §7.7): today's figures (London day) from each module's contracts query,
/// and revenue for the last 30 days as a server-rendered SVG chart with the same data in a table.
/// </summary>
public sealed class IndexModel(IMessageBus bus, TimeProvider clock) : PageModel
{
    public const int ChartDays = 30;

    public DateOnly Today { get; private set; }
    public OrderFigures Orders { get; private set; } = null!;
    public BookingFigures Bookings { get; private set; } = null!;
    public UserFigures Users { get; private set; } = null!;
    public IReadOnlyList<DailyRevenue> Revenue { get; private set; } = [];
    public RevenueChart Chart { get; private set; } = null!;

    public DailyRevenue RevenueToday => Revenue[^1];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = London.Today(clock);
        Orders = await bus.InvokeAsync<OrderFigures>(new GetOrderFigures(Today), ct);
        Bookings = await bus.InvokeAsync<BookingFigures>(new GetBookingFigures(Today), ct);
        Users = await bus.InvokeAsync<UserFigures>(new GetUserFigures(Today), ct);
        Revenue = (await bus.InvokeAsync<RevenueFigures>(new GetRevenueFigures(Today.AddDays(1 - ChartDays), Today), ct)).Days;
        Chart = RevenueChart.For(Revenue);
    }
}

/// <summary>Bars of gross revenue per day, scaled to the busiest day, in SVG user units.</summary>
public sealed record RevenueChart(IReadOnlyList<RevenueChart.Bar> Bars, IReadOnlyList<RevenueChart.Label> Labels, long MaxPence)
{
    public const double Width = 640;
    public const double Height = 220;
    public const double Left = 8;
    public const double Top = 20;
    public const double Bottom = 190;

    public sealed record Bar(double X, double Y, double Width, double Height, string Title);
    public sealed record Label(double X, string Text);

    public static RevenueChart For(IReadOnlyList<DailyRevenue> days)
    {
        var max = Math.Max(1, days.Count == 0 ? 0 : days.Max(d => d.GrossPence));
        var slot = (Width - 2 * Left) / Math.Max(1, days.Count);
        var bars = new List<Bar>();
        var labels = new List<Label>();
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var height = (Bottom - Top) * day.GrossPence / max;
            var x = Left + i * slot;
            bars.Add(new Bar(Round(x + slot * 0.15), Round(Bottom - height), Round(slot * 0.7), Round(height),
                $"{day.Day.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB"))}: {BuildingBlocks.Money.Vat.Pounds(day.GrossPence)}"));
            if (i % 7 == 0 || i == days.Count - 1)
                labels.Add(new Label(Round(x + slot / 2), day.Day.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB"))));
        }
        return new RevenueChart(bars, labels, days.Count == 0 ? 0 : days.Max(d => d.GrossPence));
    }

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An SVG <c>text</c> label (Razor reserves the <c>text</c> tag, so it is written here, encoded).</summary>
    public static IHtmlContent Text(double x, double y, string anchor, string content) =>
        new HtmlString($"<text class=\"axis-label\" x=\"{Number(x)}\" y=\"{Number(y)}\" text-anchor=\"{anchor}\">{HtmlEncoder.Default.Encode(content)}</text>");

    private static double Round(double value) => Math.Round(value, 2);
}
