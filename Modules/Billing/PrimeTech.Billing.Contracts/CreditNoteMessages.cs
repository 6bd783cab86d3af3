namespace PrimeTech.Billing.Contracts;

/// <summary>
/// A credit note was issued for one Stripe refund of a paid order (one credit note per Stripe
/// refund, ever) and has its <c>CRN-YYYY-NNNNNN</c> number. Published once per credit note through
/// Billing's durable outbox. <see cref="RevokedLicenceKeys"/> are the licences of the refunded units
/// the admin chose; <see cref="OrderRefundedInFull"/> says nothing is left to refund (a
/// <see cref="PaymentRefunded"/> follows, which revokes everything the order granted).
/// </summary>
public sealed record CreditNoteIssued(
    Guid CreditNoteId,
    string CreditNoteNumber,
    Guid OrderId,
    string OrderNumber,
    string InvoiceNumber,
    Guid CustomerId,
    string StripeRefundId,
    DateTimeOffset IssuedAt,
    long NetPence,
    long VatPence,
    long GrossPence,
    IReadOnlyList<CreditedLine> Lines,
    IReadOnlyList<string> RevokedLicenceKeys,
    long RefundedToDatePence,
    bool OrderRefundedInFull);

/// <summary>
/// One line of a credit note: units of an invoice line (<see cref="Sku"/> and <see cref="Quantity"/>
/// set) or an amount credited at one VAT rate (both null). <c>NetPence + VatPence == GrossPence</c>.
/// </summary>
public sealed record CreditedLine(
    string? Sku,
    string Description,
    int? Quantity,
    decimal VatRatePercent,
    long NetPence,
    long VatPence,
    long GrossPence);

/// <summary>Net, VAT and gross at one VAT rate, the sum of a document's lines at that rate.</summary>
public sealed record VatRateAmounts(decimal VatRatePercent, long NetPence, long VatPence, long GrossPence);

/// <summary>A credit note as the order pages list it.</summary>
public sealed record CreditNoteRecord(
    string Number,
    DateTimeOffset IssuedAt,
    long NetPence,
    long VatPence,
    long GrossPence,
    string StripeRefundId,
    bool PdfReady);
