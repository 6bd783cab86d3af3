using System.Globalization;
using PrimeTech.Billing.Contracts;
using PrimeTech.Booking.Contracts;
using PrimeTech.Identity.Contracts;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.Ordering.Contracts;

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
    public BarChart Chart { get; private set; } = null!;

    public DailyRevenue RevenueToday => Revenue[^1];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = London.Today(clock);
        Orders = await bus.InvokeAsync<OrderFigures>(new GetOrderFigures(Today), ct);
        Bookings = await bus.InvokeAsync<BookingFigures>(new GetBookingFigures(Today), ct);
        Users = await bus.InvokeAsync<UserFigures>(new GetUserFigures(Today), ct);
        Revenue = (await bus.InvokeAsync<RevenueFigures>(new GetRevenueFigures(Today.AddDays(1 - ChartDays), Today), ct)).Days;
        Chart = BarChart.For(
            Revenue.Select(d => new BarChart.Point(DayLabel(d.Day), d.GrossPence, DayLabel(d.Day))).ToList(),
            i => i % 7 == 0 || i == Revenue.Count - 1);
    }

    private static string DayLabel(DateOnly day) => day.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB"));
}
