using PrimeTech.Billing.Documents;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Time;
using Wolverine.Marten;

namespace PrimeTech.Billing.Payments;

/// <summary>
/// Proof of a confirmed payment: issued once per order, only when Stripe confirms the payment, with
/// a number from the gap-free <c>RCP-YYYY</c> series. Card brand and last 4 are filled (when Stripe
/// gives them) just before the PDF is rendered; after the PDF is stored nothing changes.
/// </summary>
public sealed class Receipt
{
    public const string NumberPrefix = "RCP";

    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid OrderId { get; set; }
    public Guid CustomerId { get; set; }
    public string OrderNumber { get; set; } = "";
    public string InvoiceNumber { get; set; } = "";
    public string PaymentIntentId { get; set; } = "";
    public long AmountPence { get; set; }
    public string Currency { get; set; } = "GBP";

    /// <summary>When Stripe says the payment happened (the event's <c>created</c>).</summary>
    public DateTimeOffset PaidAt { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>When PaymentConfirmed was sent for it (after the transaction that numbered it).</summary>
    public DateTimeOffset? AnnouncedAt { get; set; }

    public string? CardBrand { get; set; }
    public string? CardLast4 { get; set; }
    public BillingPdf Pdf { get; set; } = new();

    public string FileName() => $"{Number}.pdf";

    /// <summary>"Visa ending 4242", when Stripe gave the card.</summary>
    public string? CardWords() =>
        CardBrand is null || CardLast4 is null ? null : $"{BrandName(CardBrand)} ending {CardLast4}";

    private static string BrandName(string brand) => brand.ToLowerInvariant() switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        "diners" => "Diners Club",
        "jcb" => "JCB",
        "unionpay" => "UnionPay",
        _ => brand.Length == 0 ? brand : char.ToUpperInvariant(brand[0]) + brand[1..],
    };
}

/// <summary>
/// The gap-free <c>RCP-YYYY-NNNNNN</c> series (London year). A receipt is inserted with a pending
/// placeholder and numbered inside its transaction's COMMIT
/// (<see cref="NumberSeries.AssignLast"/>, D-149), so payments queue on the series' row for the
/// commit alone.
/// </summary>
internal static class ReceiptNumbers
{
    private const string PendingPrefix = "PENDING-";

    public static string Pending(Guid receiptId) => PendingPrefix + receiptId.ToString("N");

    public static bool IsPending(Receipt receipt) => receipt.Number.StartsWith(PendingPrefix, StringComparison.Ordinal);

    private static string SeriesAt(DateTimeOffset now) => YearlySeries.SeriesName(Receipt.NumberPrefix, London.ToLocal(now).Year);

    /// <summary>Refuses (SERIES_EXHAUSTED) if the year's series is full; while loading, before anything is decided.</summary>
    public static Task EnsureOpenAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct) =>
        NumberSeries.EnsureNotExhaustedAsync(session, BillingModule.Schema, SeriesAt(now), YearlySeries.MaxPerYear, ct);

    /// <summary>
    /// The numbering statement, to return after every other storage effect. It also gives the number
    /// to <paramref name="earlyRefunds"/>, completed on this receipt in the same transaction.
    /// </summary>
    public static IMartenOp AssignLast(Receipt receipt, IEnumerable<Refund> earlyRefunds, DateTimeOffset now)
    {
        List<NumberTarget> targets = [new("mt_doc_receipt", "number", receipt.Id)];
        targets.AddRange(earlyRefunds.Select(r => new NumberTarget("mt_doc_refund", "receiptNumber", r.Id)));
        return NumberSeries.AssignLast(BillingModule.Schema, SeriesAt(now), targets);
    }
}
