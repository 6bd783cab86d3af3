using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Web.Pages.Admin.Products;

public sealed class EditModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty] public ProductInput Input { get; set; } = new();

    public IReadOnlyDictionary<string, string> ErrorFields => ProductInput.Fields;

    public string ProductName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Input = ProductInput.From(await LoadAsync(id));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Input.Sku = (await LoadAsync(id)).Sku;
        var price = Input.PricePence(ModelState);
        var rate = Input.VatRatePercent(ModelState);
        var product = await bus.InvokeAsync<AdminProduct>(new UpdateProduct(
            id, Input.Slug, Input.Name, Input.Summary, Input.DescriptionMarkdown, price, rate, Input.IsLicensed, Input.IsActive),
            HttpContext.RequestAborted);
        TempData["Flash"] = $"Product {product.Name} saved.";
        return new SeeOtherResult("/admin/products");
    }

    private async Task<AdminProduct> LoadAsync(Guid id)
    {
        var product = await bus.InvokeAsync<AdminProduct>(new GetAdminProduct(id), HttpContext.RequestAborted);
        ProductName = product.Name;
        return product;
    }
}
