using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Web.Pages.Products;

public sealed class DetailsModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    public ProductDetail Product { get; private set; } = null!;

    /// <summary>Bound as text so "abc" gets the form's own message rather than the framework's.</summary>
    [BindProperty] public string? Quantity { get; set; } = "1";

    public IReadOnlyDictionary<string, string> ErrorFields { get; } = new Dictionary<string, string> { ["quantity"] = nameof(Quantity), ["sku"] = "" };

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        Product = await bus.InvokeAsync<ProductDetail>(new GetProduct(slug), HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        await OnGetAsync(slug);

        if (!int.TryParse(Quantity?.Trim(), out var quantity))
        {
            ModelState.AddModelError(nameof(Quantity), "Enter a quantity as a whole number");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await bus.InvokeAsync<CartView>(new AddToCart(User.RequiredUserId(), Product.Sku, quantity), HttpContext.RequestAborted);
        TempData["Flash"] = $"{Product.Name} added to your cart.";
        return new SeeOtherResult("/cart");
    }
}
