using PrimeTech.Ordering.Orders;

namespace PrimeTech.Web.Pages.Account.Orders;

public sealed class IndexModel(IMessageBus bus) : PageModel
{
    public Paged<OrderSummary> Orders { get; private set; } = null!;

    public async Task OnGetAsync(int page = 1) =>
        Orders = await bus.InvokeAsync<Paged<OrderSummary>>(
            new ListMyOrders(User.RequiredUserId(), Math.Max(page, 1)), HttpContext.RequestAborted);
}
