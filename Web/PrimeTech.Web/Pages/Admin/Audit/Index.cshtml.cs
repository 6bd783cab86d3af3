using PrimeTech.Audit.Admin;

namespace PrimeTech.Web.Pages.Admin.Audit;

/// <summary>The audit trail, newest first: filtered by actor, action, target, outcome and London dates (GET form), paged.</summary>
public sealed class IndexModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    public const int PageSize = 50;

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["actor"] = nameof(Actor), ["action"] = nameof(Action), ["target"] = nameof(Target), ["outcome"] = nameof(Outcome),
        ["from"] = nameof(From), ["to"] = nameof(To), ["page"] = "", ["pageSize"] = "",
    };

    [FromQuery(Name = "actor")] public string? Actor { get; set; }
    [FromQuery(Name = "action")] public string? Action { get; set; }
    [FromQuery(Name = "target")] public string? Target { get; set; }
    [FromQuery(Name = "outcome")] public string? Outcome { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<AuditEntryView>? Entries { get; private set; }

    public IReadOnlyDictionary<string, string> ErrorFields => Fields;

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        Entries = await bus.InvokeAsync<Paged<AuditEntryView>>(
            new ListAuditEntries(Actor, Action, Target, Outcome, From, To, Math.Max(PageNumber, 1), PageSize), HttpContext.RequestAborted);
    }

    public string PageUrl(int page) => Links.WithQuery("/admin/audit", ("actor", Actor), ("action", Action), ("target", Target),
        ("outcome", Outcome), ("from", From), ("to", To), ("page", page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A link that filters the list by one more value (an actor, an action, a target), keeping the others.</summary>
    public string FilterUrl(string name, string? value) => Links.WithQuery("/admin/audit",
        ("actor", name == "actor" ? value : Actor), ("action", name == "action" ? value : Action), ("target", name == "target" ? value : Target),
        ("outcome", Outcome), ("from", From), ("to", To));
}
