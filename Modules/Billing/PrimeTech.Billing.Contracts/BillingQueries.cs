namespace PrimeTech.Billing.Contracts;

/// <summary>What Billing holds for an order (admin order page, customer order page). Answered with <see cref="BillingRecord"/>.</summary>
public sealed record GetOrderBillingRecord(Guid OrderId);

/// <summary>
/// <c>{ invoice, receipt, checkoutSessions, refund, anomalies, webhookEvents, refunds, creditNotes, refundablePence }</c>:
/// the order's invoice and receipt, its Stripe Checkout Sessions, its latest refund, payment
/// anomalies an admin must look at, the Stripe events that concerned it (newest first), every
/// refund and credit note (oldest first) and the amount still refundable.
/// </summary>
public sealed record BillingRecord(
    InvoiceRecord? Invoice,
    ReceiptRecord? Receipt,
    IReadOnlyList<CheckoutSessionSummary> CheckoutSessions,
    RefundRecord? Refund,
    IReadOnlyList<PaymentAnomalyRecord> Anomalies,
    IReadOnlyList<WebhookEventReference> WebhookEvents,
    IReadOnlyList<RefundRecord> Refunds,
    IReadOnlyList<CreditNoteRecord> CreditNotes,
    long RefundablePence);

public sealed record InvoiceRecord(
    string Number,
    string Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? VoidedAt,
    long NetPence,
    long VatPence,
    long GrossPence,
    bool PdfReady);

public sealed record ReceiptRecord(
    string Number,
    DateTimeOffset IssuedAt,
    DateTimeOffset PaidAt,
    long AmountPence,
    string? CardBrand,
    string? CardLast4,
    string PaymentIntentId,
    bool PdfReady);

public sealed record CheckoutSessionSummary(string SessionId, string Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public sealed record RefundRecord(
    string Status,
    string? StripeRefundId,
    long AmountPence,
    string? Reason,
    DateTimeOffset? RequestedAt,
    Guid? RequestedBy,
    DateTimeOffset? CompletedAt,
    string Kind,
    IReadOnlyList<CreditedLine> Lines,
    IReadOnlyList<string> LicenceKeys,
    string? CreditNoteNumber);

public sealed record PaymentAnomalyRecord(DateTimeOffset At, string Kind, string Detail, string EventId);

public sealed record WebhookEventReference(string EventId, string Type, DateTimeOffset ReceivedAt, string Outcome);

/// <summary>
/// The stored PDF of an invoice, a receipt or a credit note for its owner or an admin. Answered with
/// <see cref="BillingDocument"/>; NOT_FOUND for anyone else, DOCUMENT_NOT_READY before the PDF is stored.
/// </summary>
public sealed record GetBillingDocument(string Number, Guid RequesterId, bool RequesterIsAdmin);

public sealed record BillingDocument(Guid DocumentId, string FileName, string Kind);

/// <summary>
/// Receipts issued (gross and count) and refunds completed per London day, from <see cref="From"/>
/// to <see cref="To"/> inclusive, one entry per day (admin dashboard).
/// </summary>
public sealed record GetRevenueFigures(DateOnly From, DateOnly To);

public sealed record RevenueFigures(IReadOnlyList<DailyRevenue> Days);

public sealed record DailyRevenue(DateOnly Day, long GrossPence, int Receipts, long RefundedPence);
