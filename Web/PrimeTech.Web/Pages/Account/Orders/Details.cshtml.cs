using PrimeTech.Billing.Contracts;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Web.Pages.Account.Orders;

public sealed class DetailsModel(IMessageBus bus) : PageModel
{
    public OrderDetail Order { get; private set; } = null!;
    public InvoiceRecord? Invoice { get; private set; }
    public ReceiptRecord? Receipt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number)
    {
        Order = await bus.InvokeAsync<OrderDetail>(new GetMyOrder(number, User.RequiredUserId()), HttpContext.RequestAborted);
        var billing = await bus.InvokeAsync<BillingRecord>(new GetOrderBillingRecord(Order.OrderId), HttpContext.RequestAborted);
        Invoice = billing.Invoice;
        Receipt = billing.Receipt;
        return Page();
    }

    /// <summary>"Pay now": the order's invoice again, and its open payment page or a new one.</summary>
    public Task<IActionResult> OnPostPayAsync(string number) => PayNow.PostAsync(this, bus, number);
}
