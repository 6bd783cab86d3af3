using PrimeTech.Ordering.Flows;
using PrimeTech.Billing.Flows;
using System.Globalization;
using PrimeTech.Billing.Payments;
using PrimeTech.Licensing.Contracts;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Web.Pages.Admin.Orders;

/// <summary>
/// An order with everything Billing holds for it, its refunds and credit notes, and the refund form
/// while something is left to refund: an amount, units of lines with the licences to revoke, or
/// (neither) everything left.
/// </summary>
public sealed class DetailsModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    public AdminOrderDetail Detail { get; private set; } = null!;

    /// <summary>The order's licences, for choosing the ones a refund of units revokes.</summary>
    public IReadOnlyList<OrderLicence> Licences { get; private set; } = [];

    [BindProperty] public RefundInput Input { get; set; } = new();

    public bool CanRefund => Detail.Billing.RefundablePence > 0 && Detail.Billing.Receipt is not null
                             && (Detail.Order.Is(OrderStatus.Paid) || Detail.Order.Is(OrderStatus.PartiallyRefunded));

    /// <summary>Units of a line not yet refunded (refunds by line, pending ones included).</summary>
    public int UnitsLeft(OrderLineView line) =>
        line.Quantity - Detail.Billing.Refunds.Where(r => !r.Is(RefundStatus.Failed))
            .SelectMany(r => r.Lines).Where(l => l.Sku == line.Sku).Sum(l => l.Quantity ?? 0);

    public async Task<IActionResult> OnGetAsync(string number)
    {
        await LoadAsync(number);
        return Page();
    }

    public async Task<IActionResult> OnPostRefundAsync(string number)
    {
        ModelState.Clear();
        if (!Input.Confirm)
            ModelState.AddModelError("Input.Confirm", "Confirm that you want to refund this order");
        long? amount = null;
        if (!string.IsNullOrWhiteSpace(Input.Amount))
        {
            if (decimal.TryParse(Input.Amount.Trim().TrimStart('£'), NumberStyles.Number, CultureInfo.InvariantCulture, out var pounds)
                && pounds > 0 && decimal.Round(pounds, 2) == pounds && pounds < 100_000_000m)
                amount = (long)(pounds * 100);
            else
                ModelState.AddModelError("Input.Amount", "Enter an amount in pounds, like 12.50");
        }
        var lines = Input.Lines.Where(l => l.Quantity > 0)
            .Select(l => new RefundLineRequest(l.Sku ?? "", l.Quantity, l.LicenceKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList()))
            .ToList();

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(number);
            return Page();
        }
        // The reason's length and the rest of the refund's rules are the refund's own (RequestRefund.Validator).
        var refund = await RefundFlow.RunAsync(bus, number, new RefundRequest(Input.Reason, amount, lines.Count > 0 ? lines : null),
            User.RequiredUserId(), HttpContext.RequestAborted);
        TempData["Flash"] = refund.RefundablePence > 0
            ? "Refund requested. A credit note is issued when Stripe confirms it."
            : "Refund requested. The order will show as refunded when Stripe confirms it.";
        return new SeeOtherResult($"/admin/orders/{refund.OrderNumber}");
    }

    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) => LoadAsync((string)RouteData.Values["number"]!);

    private async Task LoadAsync(string number)
    {
        Detail = await AdminOrderDetailFlow.RunAsync(bus, number, HttpContext.RequestAborted);
        if (Detail.Order.Lines.Any(l => l.IsLicensed))
            Licences = (await bus.InvokeAsync<OrderLicences>(new GetOrderLicences(Detail.Order.OrderNumber), HttpContext.RequestAborted)).Items;
    }

    public sealed class RefundInput
    {
        public string? Reason { get; set; }
        public bool Confirm { get; set; }

        /// <summary>Pounds, e.g. <c>12.50</c>; empty to refund by line or everything left.</summary>
        public string? Amount { get; set; }

        public List<RefundLineInput> Lines { get; set; } = [];
    }

    public sealed class RefundLineInput
    {
        public string? Sku { get; set; }
        public int Quantity { get; set; }
        public List<string> LicenceKeys { get; set; } = [];
    }
}
