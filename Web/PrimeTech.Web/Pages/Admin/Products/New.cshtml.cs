using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Web.Pages.Admin.Products;

public sealed class NewModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty] public ProductInput Input { get; set; } = new();

    public IReadOnlyDictionary<string, string> ErrorFields => ProductInput.Fields;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A price or rate that cannot be read is sent as missing: the command then reports the
        // other fields too, and the form keeps the more precise message for these two.
        var price = Input.PricePence(ModelState);
        var rate = Input.VatRatePercent(ModelState);
        var product = await bus.InvokeAsync<AdminProduct>(new CreateProduct(
            Input.Sku, Input.Slug, Input.Name, Input.Summary, Input.DescriptionMarkdown, price, rate, Input.IsLicensed, Input.IsActive),
            HttpContext.RequestAborted);
        TempData["Flash"] = $"Product {product.Name} saved.";
        return new SeeOtherResult("/admin/products");
    }
}
