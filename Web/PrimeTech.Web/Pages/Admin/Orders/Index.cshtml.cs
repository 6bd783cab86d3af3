using System.Globalization;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Web.Pages.Admin.Orders;

public sealed class IndexModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<AdminOrderSummary>? Orders { get; private set; }

    public IReadOnlyDictionary<string, string> ErrorFields { get; } =
        new Dictionary<string, string> { ["from"] = nameof(From), ["to"] = nameof(To), ["status"] = nameof(Status) };

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var from = Date(From, nameof(From));
        var to = Date(To, nameof(To));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Orders = await bus.InvokeAsync<Paged<AdminOrderSummary>>(
            new ListAdminOrders(Status, from, to, Q, Math.Max(PageNumber, 1)), HttpContext.RequestAborted);
    }

    public string PageUrl(int page) =>
        Links.WithQuery("/admin/orders", ("status", Status), ("from", From), ("to", To), ("q", Q), ("page", page.ToString(CultureInfo.InvariantCulture)));

    private DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        ModelState.AddModelError(field, "Enter a real date");
        return null;
    }
}
