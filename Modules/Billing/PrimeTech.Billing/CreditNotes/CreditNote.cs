using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Documents;
using PrimeTech.Billing.Invoices;

namespace PrimeTech.Billing.CreditNotes;

/// <summary>
/// The document a refund issues against its invoice (an invoice is never edited): one per Stripe
/// refund, ever (the unique index on <see cref="StripeRefundId"/>), numbered from the gap-free
/// <c>CRN-YYYY</c> series inside the COMMIT of the transaction that inserts it. Seller and
/// buyer are the invoice's, as issued. Its lines and amounts never change; only the PDF's location
/// and <see cref="AnnouncedAt"/> are filled in later.
/// </summary>
public sealed class CreditNote
{
    public const string NumberPrefix = "CRN";

    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public string InvoiceNumber { get; set; } = "";
    public DateTimeOffset InvoiceIssuedAt { get; set; }
    public Guid CustomerId { get; set; }
    public Guid RefundId { get; set; }
    public string StripeRefundId { get; set; } = "";
    public InvoiceSeller Seller { get; set; } = new();
    public InvoiceBuyer Buyer { get; set; } = new();
    public List<CreditLine> Lines { get; set; } = [];
    public long NetPence { get; set; }
    public long VatPence { get; set; }
    public long GrossPence { get; set; }
    public string Currency { get; set; } = "GBP";
    public string? Reason { get; set; }

    /// <summary>The licences of the refunded units, revoked by Licensing when the credit note is announced.</summary>
    public List<string> RevokedLicenceKeys { get; set; } = [];

    /// <summary>Everything credited on the order up to and including this credit note.</summary>
    public long RefundedToDatePence { get; set; }

    /// <summary>This credit note leaves nothing to refund on the order.</summary>
    public bool CompletesRefund { get; set; }

    /// <summary>When Stripe reported the refund (the event's <c>created</c>).</summary>
    public DateTimeOffset RefundedAt { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>When CreditNoteIssued was sent for it (after the transaction that numbered it).</summary>
    public DateTimeOffset? AnnouncedAt { get; set; }

    public BillingPdf Pdf { get; set; } = new();

    public string FileName() => $"{Number}.pdf";

    /// <summary>"CRN-2026-000001 (against invoice INV-2026-000042)".</summary>
    public string CreditNoteWords() => $"{Number} (against invoice {InvoiceNumber})";

    public IReadOnlyList<CreditedLine> CreditedLines() =>
        Lines.Select(l => new CreditedLine(l.Sku, l.Description, l.Quantity, l.VatRatePercent, l.NetPence, l.VatPence, l.GrossPence)).ToList();

    public IReadOnlyList<VatRateAmounts> ByVatRate() =>
        Lines.GroupBy(l => l.VatRatePercent).OrderByDescending(g => g.Key)
            .Select(g => new VatRateAmounts(g.Key, g.Sum(l => l.NetPence), g.Sum(l => l.VatPence), g.Sum(l => l.GrossPence)))
            .ToList();
}

/// <summary>
/// One credited line, of a refund (planned) or of a credit note (issued): units of an invoice line
/// (<see cref="Sku"/> and <see cref="Quantity"/> set) or an amount at one VAT rate (both null).
/// <c>NetPence + VatPence == GrossPence</c> always (DECISIONS D-102).
/// </summary>
public sealed class CreditLine
{
    public string? Sku { get; set; }
    public string Description { get; set; } = "";
    public int? Quantity { get; set; }
    public long? UnitPriceNetPence { get; set; }
    public decimal VatRatePercent { get; set; }
    public long NetPence { get; set; }
    public long VatPence { get; set; }
    public long GrossPence { get; set; }
}
