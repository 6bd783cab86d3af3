using PrimeTech.Ordering.Orders;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Web.Pages.Account.Orders;

/// <summary>The owner's receipt PDF: a fresh presigned URL, 302.</summary>
[EnableRateLimiting(DownloadRateLimit.Policy)]
public sealed class ReceiptModel(IMessageBus bus) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? number) =>
        OrderDocumentRedirect.RunAsync(this, bus, "/account/orders/", number, async (order, ct) =>
            (await bus.InvokeAsync<OrderDetail>(new GetMyOrder(order, User.RequiredUserId()), ct)).ReceiptNumber);
}
