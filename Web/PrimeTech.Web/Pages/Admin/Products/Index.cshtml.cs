using PrimeTech.Ordering.Catalogue;
using System.Globalization;

namespace PrimeTech.Web.Pages.Admin.Products;

public sealed class IndexModel(IMessageBus bus) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Active { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<AdminProduct> Products { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Products = await bus.InvokeAsync<Paged<AdminProduct>>(new ListAdminProducts(Q, Active, Math.Max(PageNumber, 1)), HttpContext.RequestAborted);

    public Task<IActionResult> OnPostDeactivateAsync(Guid id) => SetActiveAsync(id, false);

    public Task<IActionResult> OnPostActivateAsync(Guid id) => SetActiveAsync(id, true);

    public string PageUrl(int page) =>
        Links.WithQuery("/admin/products", ("q", Q), ("active", Active?.ToString().ToLowerInvariant()), ("page", page.ToString(CultureInfo.InvariantCulture)));

    private async Task<IActionResult> SetActiveAsync(Guid id, bool active)
    {
        var product = await bus.InvokeAsync<AdminProduct>(new SetProductActive(id, active), HttpContext.RequestAborted);
        TempData["Flash"] = $"{product.Name} is now {(product.IsActive ? "active" : "inactive")}.";
        return new SeeOtherResult("/admin/products");
    }
}
