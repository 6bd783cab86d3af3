using Microsoft.AspNetCore.Authorization;
using PrimeTech.Billing.Contracts;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Web.Pages.Checkout;

/// <summary>
/// Where Stripe sends the customer after paying. It never changes anything: it shows what the
/// webhook has done so far — "being confirmed" until the order is Paid, then the receipt.
/// </summary>
[Authorize]
public sealed class SuccessModel(IMessageBus bus) : PageModel
{
    public OrderDetail Order { get; private set; } = null!;
    public BillingRecord Billing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? order)
    {
        Order = await bus.InvokeAsync<OrderDetail>(new GetMyOrder(order ?? "", User.RequiredUserId()), HttpContext.RequestAborted);
        Billing = await bus.InvokeAsync<BillingRecord>(new GetOrderBillingRecord(Order.OrderId), HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
