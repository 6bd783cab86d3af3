using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.Ordering.Catalogue;
using Wolverine;

namespace PrimeTech.Web.Pages.Admin.Products;

public sealed class EditModel(IMessageBus bus) : PageModel
{
    [BindProperty] public ProductInput Input { get; set; } = new();

    public string ProductName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is not { } product) return NotFound();
        Input = ProductInput.From(product);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is not { } current) return NotFound();
        Input.Sku = current.Sku;
        var price = Input.PricePence(ModelState);
        var rate = Input.VatRatePercent(ModelState);
        try
        {
            var product = await bus.InvokeAsync<AdminProduct>(new UpdateProduct(
                id, Input.Slug, Input.Name, Input.Summary, Input.DescriptionMarkdown, price, rate, Input.IsLicensed, Input.IsActive),
                HttpContext.RequestAborted);
            TempData["Flash"] = $"Product {product.Name} saved.";
            return new SeeOtherResult("/admin/products");
        }
        catch (DomainException e)
        {
            ProductInput.AddErrors(ModelState, e);
            Response.StatusCode = e.Error.Status;
            return Page();
        }
    }

    private async Task<AdminProduct?> LoadAsync(Guid id)
    {
        try
        {
            var product = await bus.InvokeAsync<AdminProduct>(new GetAdminProduct(id), HttpContext.RequestAborted);
            ProductName = product.Name;
            return product;
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return null;
        }
    }
}
