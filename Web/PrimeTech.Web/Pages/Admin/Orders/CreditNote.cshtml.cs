using PrimeTech.Ordering.Orders;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Web.Pages.Admin.Orders;

/// <summary>An admin downloads one of an order's credit notes, if the order lists it: a fresh presigned URL, 302.</summary>
[EnableRateLimiting(DownloadRateLimit.Policy)]
public sealed class CreditNoteModel(IMessageBus bus) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? number, string? creditNote) =>
        OrderDocumentRedirect.RunAsync(this, bus, "/admin/orders/", number, async (order, ct) =>
            OrderDocumentRedirect.Listed((await bus.InvokeAsync<AdminOrderView>(new GetAdminOrder(order), ct)).CreditNotes.Select(c => c.Number), creditNote));
}
