using PrimeTech.Billing.Flows;
using PrimeTech.Billing;

namespace PrimeTech.Web.Pages;

/// <summary>
/// The PDF links of the order pages (invoice, receipt and credit notes; the owner's and the
/// admin's): each click mints a fresh presigned URL for the document the order names and redirects
/// (302) to it, never cached. An order the caller may not see, or one that names no such document,
/// is 404; a PDF still being rendered sends the caller back to the order with a notice.
/// </summary>
public static class OrderDocumentRedirect
{
    /// <summary>
    /// Redirects to the document <paramref name="documentOf"/> finds on the order (null: none, 404);
    /// a PDF not ready yet goes back to <paramref name="ordersPath"/> and the order number.
    /// </summary>
    public static async Task<IActionResult> RunAsync(
        PageModel page, IMessageBus bus, string ordersPath, string? orderNumber, Func<string, CancellationToken, Task<string?>> documentOf)
    {
        // A blank segment binds as null: no order has no number.
        if (string.IsNullOrWhiteSpace(orderNumber))
            return new NotFoundResult();
        try
        {
            var number = await documentOf(orderNumber, page.HttpContext.RequestAborted);
            if (number is null)
                return new NotFoundResult();
            var link = await BillingDocumentDownloadFlow.RunAsync(bus, number, page.HttpContext);
            page.Response.Headers.CacheControl = "no-store";
            return new RedirectResult(link.Url);
        }
        catch (DomainException e) when (e.Error == BillingErrors.DocumentNotReady)
        {
            page.TempData["Flash"] = "The PDF is being prepared. Try again in a moment.";
            return new SeeOtherResult(ordersPath + orderNumber.Trim().ToUpperInvariant());
        }
    }

    /// <summary>For an order whose invoice is not issued yet: it is on its way, as a PDF being rendered is.</summary>
    public static DomainException InvoiceNotIssuedYet() => new(BillingErrors.DocumentNotReady, "The invoice is being prepared.");

    /// <summary>The credit note of that number listed on the order, any case and spacing, or null.</summary>
    public static string? Listed(IEnumerable<string> creditNotes, string? creditNote) =>
        creditNotes.FirstOrDefault(c => string.Equals(c, creditNote?.Trim(), StringComparison.OrdinalIgnoreCase));
}
