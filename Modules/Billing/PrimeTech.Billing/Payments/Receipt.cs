using Marten;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Time;

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
    public string? CardBrand { get; set; }
    public string? CardLast4 { get; set; }
    public ReceiptPdf Pdf { get; set; } = new();

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

/// <summary>The receipt's one PDF. <see cref="RenderedAt"/> is set when it is rendered and emailed; the location when Storage has it.</summary>
public sealed class ReceiptPdf
{
    public Guid DocumentId { get; set; }
    public DateTimeOffset? RenderedAt { get; set; }
    public DateTimeOffset? StoredAt { get; set; }
    public string? Bucket { get; set; }
    public string? ObjectKey { get; set; }
    public long? SizeBytes { get; set; }
    public string? Sha256 { get; set; }
}

/// <summary>The gap-free <c>RCP-YYYY-NNNNNN</c> series (London year).</summary>
internal static class ReceiptNumbers
{
    /// <summary>
    /// The next number, inside the caller's transaction. Call it last, just before the write batch
    /// and the commit: the series' row stays locked until then, and every payment queues on it.
    /// </summary>
    public static async Task<string> NextAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        var year = London.ToLocal(now).Year;
        var sequence = await NumberSeries.NextAsync(
            session, BillingModule.Schema, YearlySeries.SeriesName(Receipt.NumberPrefix, year), YearlySeries.MaxPerYear, ct);
        return YearlySeries.Format(Receipt.NumberPrefix, year, sequence);
    }
}
