using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Orders;
using Wolverine;

namespace PrimeTech.Web.Pages.Account.Orders;

public sealed class DetailsModel(IMessageBus bus) : PageModel
{
    public OrderDetail Order { get; private set; } = null!;
    public InvoiceRecord? Invoice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number)
    {
        try
        {
            Order = await bus.InvokeAsync<OrderDetail>(new GetMyOrder(number, User.RequiredUserId()), HttpContext.RequestAborted);
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return NotFound();
        }
        Invoice = (await bus.InvokeAsync<BillingRecord>(new GetOrderBillingRecord(Order.OrderId), HttpContext.RequestAborted)).Invoice;
        return Page();
    }
}
