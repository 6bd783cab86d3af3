using PrimeTech.Ordering.Flows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using PrimeTech.Billing.Buyers;
using PrimeTech.Billing.Contracts;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Orders;
using PrimeTech.Web.Pages.Account;

namespace PrimeTech.Web.Pages.Cart;

[Authorize]
public sealed class IndexModel(IMessageBus bus, IOptions<SiteOptions> site) : PageModel, IShowsDomainErrors
{
    public CartView Cart { get; private set; } = null!;

    /// <summary>Who the invoice is made out to: the account's saved details, saved again (as changed) at checkout.</summary>
    [BindProperty] public BillingDetailsForm Billing { get; set; } = new();

    /// <summary>A quantity error, shown beside the line it belongs to.</summary>
    public Dictionary<string, string> LineErrors { get; } = [];

    /// <summary>A refused checkout: the billing details' errors beside their fields, the cart's (changed, emptied) in the summary.</summary>
    public string ErrorPrefix => BillingDetailsForm.Prefix;

    public IReadOnlyDictionary<string, string> ErrorFields { get; } = new Dictionary<string, string> { ["cart"] = "" };

    public async Task OnGetAsync()
    {
        Cart = await LoadAsync();
        await LoadSavedBillingDetailsAsync();
    }

    public async Task<IActionResult> OnPostUpdateAsync(string? sku, string? quantity)
    {
        // A SKU of only spaces binds as null: there is no such line to change.
        if (string.IsNullOrWhiteSpace(sku)) return new SeeOtherResult("/cart");
        if (!int.TryParse(quantity?.Trim(), out var value))
            return await LineFailedAsync(sku, "Enter a quantity as a whole number", 400);
        try
        {
            await bus.InvokeAsync<CartView>(new SetCartQuantity(User.RequiredUserId(), sku, value), HttpContext.RequestAborted);
            TempData["Flash"] = "Quantity updated.";
            return new SeeOtherResult("/cart");
        }
        catch (DomainException e) when (e.Errors.TryGetValue("quantity", out var messages))
        {
            return await LineFailedAsync(sku, messages[0], e.Error.Status);
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return new SeeOtherResult("/cart");
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(string sku)
    {
        var before = await LoadAsync();
        try
        {
            await bus.InvokeAsync<CartView>(new RemoveFromCart(User.RequiredUserId(), sku), HttpContext.RequestAborted);
            var name = before.Lines.FirstOrDefault(l => l.Sku == sku)?.Name ?? "The product";
            TempData["Flash"] = $"{name} removed from your cart.";
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
        }
        return new SeeOtherResult("/cart");
    }

    public async Task<IActionResult> OnPostCheckoutAsync(long cartRevision)
    {
        try
        {
            await bus.InvokeAsync<BillingDetails>(Billing.For(User.RequiredUserId()), HttpContext.RequestAborted);
            var outcome = await CheckoutFlow.RunAsync(bus, Customer.From(User), cartRevision, HttpContext.RequestAborted);
            return new SeeOtherResult(OnThisSite(outcome.Result.CheckoutUrl));
        }
        catch (DomainException e) when (e.Error == ErrorCode.PaymentProviderError && e.Extensions.TryGetValue("orderNumber", out var orderNumber))
        {
            // The order and its invoice exist; only the payment page could not be opened.
            TempData["FlashError"] = $"We created order {orderNumber} but could not open the payment page. Try \"Pay now\" in a moment.";
            return new SeeOtherResult($"/account/orders/{orderNumber}");
        }
    }

    public async Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) => Cart = await LoadAsync();

    /// <summary>A URL of this site becomes a path, so the browser stays on the host it is using; Stripe's stays as it is.</summary>
    private string OnThisSite(string url)
    {
        var home = site.Value.PublicUrl.TrimEnd('/');
        return url.StartsWith(home + "/", StringComparison.OrdinalIgnoreCase) ? url[home.Length..] : url;
    }

    private async Task<IActionResult> LineFailedAsync(string sku, string message, int status)
    {
        Cart = await LoadAsync();
        await LoadSavedBillingDetailsAsync();
        LineErrors[sku] = message;
        ModelState.AddModelError("quantity-" + sku, message);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadSavedBillingDetailsAsync()
    {
        var saved = await bus.InvokeAsync<SavedBillingDetails>(new GetBillingDetails(User.RequiredUserId()), HttpContext.RequestAborted);
        Billing = BillingDetailsForm.From(saved.Details, User.DisplayName());
    }

    private Task<CartView> LoadAsync() => bus.InvokeAsync<CartView>(new GetCart(User.RequiredUserId()), HttpContext.RequestAborted);
}
