using PrimeTech.Licensing.Admin;
using PrimeTech.Licensing.Licences;
using System.Globalization;

namespace PrimeTech.Web.Pages.Admin.Licences;

public sealed class IndexModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<AdminLicenceSummary>? Results { get; private set; }

    public string ErrorPrefix => "";

    public IReadOnlyDictionary<string, string> ErrorFields { get; } = new Dictionary<string, string> { ["status"] = nameof(Status) };

    public async Task OnGetAsync()
    {
        Results = await bus.InvokeAsync<Paged<AdminLicenceSummary>>(
            new SearchLicences(Q, Status, PageNumber < 1 ? 1 : PageNumber), HttpContext.RequestAborted);
    }

    public string PageLink(int page) =>
        QueryString.Create(new Dictionary<string, string?> { ["q"] = Q, ["status"] = Status, ["page"] = page.ToString(CultureInfo.InvariantCulture) }).Value ?? "";
}
