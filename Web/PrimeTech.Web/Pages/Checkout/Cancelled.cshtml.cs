using Microsoft.AspNetCore.Authorization;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Web.Pages.Checkout;

/// <summary>Where Stripe sends the customer who left the payment page: pay now, or cancel the order.</summary>
[Authorize]
public sealed class CancelledModel(IMessageBus bus) : PageModel
{
    public OrderDetail Order { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? order)
    {
        Order = await bus.InvokeAsync<OrderDetail>(new GetMyOrder(order ?? "", User.RequiredUserId()), HttpContext.RequestAborted);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string? order) => PayNow.PostAsync(this, bus, order);
}
