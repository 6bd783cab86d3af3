using PrimeTech.Ordering.Orders;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Web.Pages.Admin.Orders;

/// <summary>An admin downloads any order's invoice: a fresh presigned URL, 302.</summary>
[EnableRateLimiting(DownloadRateLimit.Policy)]
public sealed class InvoiceModel(IMessageBus bus) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? number) =>
        OrderDocumentRedirect.RunAsync(this, bus, "/admin/orders/", number, async (order, ct) =>
            (await bus.InvokeAsync<AdminOrderView>(new GetAdminOrder(order), ct)).InvoiceNumber ?? throw OrderDocumentRedirect.InvoiceNotIssuedYet());
}
