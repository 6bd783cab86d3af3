using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.Ordering.Catalogue;
using Wolverine;

namespace PrimeTech.Web.Pages.Admin.Products;

public sealed class NewModel(IMessageBus bus) : PageModel
{
    [BindProperty] public ProductInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A price or rate that cannot be read is sent as missing: the command then reports the
        // other fields too, and the form keeps the more precise message for these two.
        var price = Input.PricePence(ModelState);
        var rate = Input.VatRatePercent(ModelState);
        try
        {
            var product = await bus.InvokeAsync<AdminProduct>(new CreateProduct(
                Input.Sku, Input.Slug, Input.Name, Input.Summary, Input.DescriptionMarkdown, price, rate, Input.IsLicensed, Input.IsActive),
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
}
