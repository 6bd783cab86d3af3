using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.Billing.Payments;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Orders;
using Wolverine;

namespace PrimeTech.Web.Pages.Admin.Orders;

/// <summary>An order with everything Billing holds for it, and the refund form (a paid order without a refund).</summary>
public sealed class DetailsModel(IMessageBus bus) : PageModel
{
    public AdminOrderDetail Detail { get; private set; } = null!;

    [BindProperty] public RefundInput Input { get; set; } = new();

    public bool CanRefund => Detail.Order.Status == "Paid" && Detail.Billing.Refund is null && Detail.Billing.Receipt is not null;

    public async Task<IActionResult> OnGetAsync(string number) => await LoadAsync(number) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRefundAsync(string number)
    {
        ModelState.Clear();
        if (!Input.Confirm)
            ModelState.AddModelError("Input.Confirm", "Confirm that you want to refund this order");
        if ((Input.Reason?.Length ?? 0) > RequestRefund.MaxReasonLength)
            ModelState.AddModelError("Input.Reason", "Reason must be 500 characters or fewer");

        if (ModelState.IsValid)
        {
            try
            {
                var refund = await bus.InvokeAsync<RefundView>(
                    new RequestRefund(number, Input.Reason, User.RequiredUserId()), HttpContext.RequestAborted);
                TempData["Flash"] = "Refund requested. The order will show as refunded when Stripe confirms it.";
                return new SeeOtherResult($"/admin/orders/{refund.OrderNumber}");
            }
            catch (DomainException e) when (e.Error == ErrorCode.NotFound)
            {
                return NotFound();
            }
            catch (DomainException e)
            {
                ModelState.AddDomainErrors(e);
                Response.StatusCode = e.Error.Status;
            }
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return await LoadAsync(number) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string number)
    {
        try
        {
            Detail = await AdminOrderDetailFlow.RunAsync(bus, number, HttpContext.RequestAborted);
            return true;
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return false;
        }
    }

    public sealed class RefundInput
    {
        public string? Reason { get; set; }
        public bool Confirm { get; set; }
    }
}
