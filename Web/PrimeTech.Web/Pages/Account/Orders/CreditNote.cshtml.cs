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

/// <summary>Each click mints a fresh presigned URL for one of the order's credit note PDFs and redirects (302) to it.</summary>
[EnableRateLimiting(DownloadRateLimit.Policy)]
public sealed class CreditNoteModel(IMessageBus bus) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string number, string creditNote)
    {
        try
        {
            var order = await bus.InvokeAsync<OrderDetail>(new GetMyOrder(number, User.RequiredUserId()), HttpContext.RequestAborted);
            var listed = order.CreditNotes.FirstOrDefault(c => string.Equals(c.Number, creditNote.Trim(), StringComparison.OrdinalIgnoreCase));
            if (listed is null)
                return NotFound();
            var link = await BillingDocumentDownloadFlow.RunAsync(bus, listed.Number, HttpContext);
            Response.Headers.CacheControl = "no-store";
            return Redirect(link.Url);
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return NotFound();
        }
        catch (DomainException e) when (e.Error == BillingErrors.DocumentNotReady)
        {
            TempData["Flash"] = "The PDF is being prepared. Try again in a moment.";
            return new SeeOtherResult($"/account/orders/{number.Trim().ToUpperInvariant()}");
        }
    }
}
