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

/// <summary>
/// Credit notes issued from <see cref="From"/> to <see cref="To"/> (London days, inclusive), oldest
/// first, optionally of one customer (VAT report, customer timeline). Answered with <see cref="CreditNoteList"/>.
/// </summary>
public sealed record ListCreditNotes(DateOnly From, DateOnly To, Guid? CustomerId = null);

public sealed record CreditNoteList(IReadOnlyList<CreditNoteSummary> Items);

/// <summary>A credit note with its amounts by VAT rate; each figure is the sum of the credit note's lines.</summary>
public sealed record CreditNoteSummary(
    string Number,
    string OrderNumber,
    string InvoiceNumber,
    Guid CustomerId,
    DateTimeOffset IssuedAt,
    long NetPence,
    long VatPence,
    long GrossPence,
    IReadOnlyList<VatRateAmounts> ByVatRate,
    bool PdfReady);

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
