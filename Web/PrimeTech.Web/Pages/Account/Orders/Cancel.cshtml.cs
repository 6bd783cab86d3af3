using PrimeTech.Ordering;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Web.Pages.Account.Orders;

/// <summary>The confirmation step of cancelling a pending order (never a JavaScript confirm).</summary>
public sealed class CancelModel(IMessageBus bus) : PageModel
{
    public OrderDetail Order { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number)
    {
        Order = await bus.InvokeAsync<OrderDetail>(new GetMyOrder(number, User.RequiredUserId()), HttpContext.RequestAborted);
        return Order.CanCancel ? Page() : NotPending(Order.OrderNumber);
    }

    public async Task<IActionResult> OnPostAsync(string number)
    {
        try
        {
            var order = await bus.InvokeAsync<OrderDetail>(new CancelOrder(number, User.RequiredUserId()), HttpContext.RequestAborted);
            TempData["Flash"] = $"Order {order.OrderNumber} has been cancelled.";
            return new SeeOtherResult($"/account/orders/{order.OrderNumber}");
        }
        catch (DomainException e) when (e.Error == OrderingErrors.OrderNotPending)
        {
            return NotPending(number.Trim().ToUpperInvariant());
        }
    }

    private SeeOtherResult NotPending(string number)
    {
        TempData["FlashError"] = "This order is not awaiting payment, so it cannot be cancelled.";
        return new SeeOtherResult($"/account/orders/{number}");
    }
}
