using PrimeTech.Billing.Webhooks;

namespace PrimeTech.Web.Pages.Admin.Webhooks;

/// <summary>Every Stripe event received, newest first, filtered by type, outcome and event id or order number.</summary>
public sealed class IndexModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    /// <summary>The event types the site acts on, for the filter (any other type can still be typed in the URL).</summary>
    public static readonly string[] KnownTypes =
    [
        "checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
        "checkout.session.expired", "charge.refunded",
    ];

    public static readonly string[] Outcomes = Enum.GetNames<WebhookOutcome>();

    [FromQuery(Name = "type")] public string? Type { get; set; }
    [FromQuery(Name = "outcome")] public string? Outcome { get; set; }
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<WebhookEventSummary>? Events { get; private set; }

    public IReadOnlyDictionary<string, string> ErrorFields { get; } = new Dictionary<string, string> { ["outcome"] = "Outcome", ["page"] = "" };

    public async Task OnGetAsync()
    {
        Events = await bus.InvokeAsync<Paged<WebhookEventSummary>>(
            new ListWebhookEvents(Type, Outcome, Q, PageNumber < 1 ? 1 : PageNumber), HttpContext.RequestAborted);
    }

    public string PageUrl(int page) => Links.WithQuery("/admin/webhooks", ("type", Type), ("outcome", Outcome), ("q", Q),
        ("page", page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
