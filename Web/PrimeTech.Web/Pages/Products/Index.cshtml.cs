using Microsoft.AspNetCore.OutputCaching;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Web.Pages.Products;

[OutputCache(PolicyName = CatalogueCache.PolicyName)]
public sealed class IndexModel(IMessageBus bus) : PageModel
{
    public IReadOnlyList<ProductSummary> Products { get; private set; } = [];

    public async Task OnGetAsync() =>
        Products = (await bus.InvokeAsync<ProductList>(new ListProducts(), HttpContext.RequestAborted)).Items;
}
