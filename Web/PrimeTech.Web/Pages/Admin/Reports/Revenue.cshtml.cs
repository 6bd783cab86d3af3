using System.Globalization;
using PrimeTech.Billing.Reports;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Web.Pages.Admin.Reports;

/// <summary>
/// Net revenue (excluding VAT: invoices paid minus credit notes issued) per London month for the
/// last 12 months, this month included, as a server-rendered SVG chart with the same data in a table.
/// </summary>
public sealed class RevenueModel(IMessageBus bus, TimeProvider clock) : PageModel
{
    public const int Months = 12;

    public IReadOnlyList<MonthRevenue> Revenue { get; private set; } = [];
    public BarChart Chart { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Revenue = (await bus.InvokeAsync<MonthlyRevenue>(new GetMonthlyRevenue(London.Today(clock), Months), HttpContext.RequestAborted)).Months;
        Chart = BarChart.For(Revenue.Select(m => new BarChart.Point(ShortMonth(m.Month), m.NetPence, MonthName(m.Month))).ToList(), _ => true);
    }

    public static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static string ShortMonth(DateOnly month) => month.ToString("MMM yy", CultureInfo.GetCultureInfo("en-GB"));
}
