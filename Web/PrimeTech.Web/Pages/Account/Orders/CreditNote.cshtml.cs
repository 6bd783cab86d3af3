using PrimeTech.Ordering.Orders;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Web.Pages.Account.Orders;

/// <summary>One of the owner's credit note PDFs, if the order lists it: a fresh presigned URL, 302.</summary>
[EnableRateLimiting(DownloadRateLimit.Policy)]
public sealed class CreditNoteModel(IMessageBus bus) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? number, string? creditNote) =>
        OrderDocumentRedirect.RunAsync(this, bus, "/account/orders/", number, async (order, ct) =>
            OrderDocumentRedirect.Listed((await bus.InvokeAsync<OrderDetail>(new GetMyOrder(order, User.RequiredUserId()), ct)).CreditNotes.Select(c => c.Number), creditNote));
}
