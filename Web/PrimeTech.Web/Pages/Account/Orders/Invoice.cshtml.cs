using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PrimeTech.Billing;
using PrimeTech.Billing.Documents;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Orders;
using PrimeTech.Storage.Contracts;
using Wolverine;

namespace PrimeTech.Web.Pages.Account.Orders;

/// <summary>Each click mints a fresh presigned URL for the order's invoice PDF and redirects (302) to it.</summary>
[EnableRateLimiting(DownloadRateLimit.Policy)]
public sealed class InvoiceModel(IMessageBus bus) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string number)
    {
        try
        {
            var order = await bus.InvokeAsync<OrderDetail>(new GetMyOrder(number, User.RequiredUserId()), HttpContext.RequestAborted);
            if (order.InvoiceNumber is null)
                return NotReady(order.OrderNumber);
            var link = await BillingDocumentDownloadFlow.RunAsync(bus, order.InvoiceNumber, HttpContext);
            Response.Headers.CacheControl = "no-store";
            return Redirect(link.Url);
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return NotFound();
        }
        catch (DomainException e) when (e.Error == BillingErrors.DocumentNotReady)
        {
            return NotReady(number.Trim().ToUpperInvariant());
        }
    }

    private SeeOtherResult NotReady(string orderNumber)
    {
        TempData["Flash"] = "The PDF is being prepared. Try again in a moment.";
        return new SeeOtherResult($"/account/orders/{orderNumber}");
    }
}
