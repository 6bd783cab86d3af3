using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;
using Wolverine;

namespace PrimeTech.Web.Pages.Products;

public sealed class DetailsModel(IMessageBus bus) : PageModel
{
    public ProductDetail Product { get; private set; } = null!;

    /// <summary>Bound as text so "abc" gets the form's own message rather than the framework's.</summary>
    [BindProperty] public string? Quantity { get; set; } = "1";

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        try
        {
            Product = await bus.InvokeAsync<ProductDetail>(new GetProduct(slug), HttpContext.RequestAborted);
            return Page();
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        var page = await OnGetAsync(slug);
        if (page is not PageResult) return page;

        if (!int.TryParse(Quantity?.Trim(), out var quantity))
        {
            ModelState.AddModelError(nameof(Quantity), "Enter a quantity as a whole number");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            await bus.InvokeAsync<CartView>(new AddToCart(User.RequiredUserId(), Product.Sku, quantity), HttpContext.RequestAborted);
            TempData["Flash"] = $"{Product.Name} added to your cart.";
            return new SeeOtherResult("/cart");
        }
        catch (DomainException e)
        {
            ModelState.AddDomainErrors(e, fields: new Dictionary<string, string> { ["quantity"] = nameof(Quantity), ["sku"] = "" });
            Response.StatusCode = e.Error.Status;
            return Page();
        }
    }
}
