namespace PrimeTech.Billing.Contracts;

/// <summary>What Billing holds for an order (admin order page, customer order page). Answered with <see cref="BillingRecord"/>.</summary>
public sealed record GetOrderBillingRecord(Guid OrderId);

public sealed record BillingRecord(InvoiceRecord? Invoice);

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

/// <summary>
/// The stored PDF of an invoice (or, later, a receipt) for its owner or an admin. Answered with
/// <see cref="BillingDocument"/>; NOT_FOUND for anyone else, DOCUMENT_NOT_READY before the PDF is stored.
/// </summary>
public sealed record GetBillingDocument(string Number, Guid RequesterId, bool RequesterIsAdmin);

public sealed record BillingDocument(Guid DocumentId, string FileName, string Kind);
