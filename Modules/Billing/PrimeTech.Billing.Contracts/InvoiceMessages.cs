namespace PrimeTech.Billing.Contracts;

/// <summary>
/// Issue the invoice of an order, or return the one it already has (one order, one invoice, ever).
/// Request/response: answered with <see cref="IssuedInvoice"/>. The fields repeat Ordering's
/// <c>OrderPlaced</c> so that this contract references no other module's contracts.
/// <see cref="BillingDetails"/> is the order's snapshot (null for orders placed before billing
/// details were collected); the invoice keeps it as it was.
/// </summary>
public sealed record IssueInvoiceForOrder(
    Guid OrderId,
    string OrderNumber,
    Guid CustomerId,
    string CustomerEmail,
    string CustomerName,
    DateTimeOffset PlacedAt,
    IReadOnlyList<InvoiceOrderLine> Lines,
    long NetPence,
    long VatPence,
    long GrossPence,
    BillingDetails? BillingDetails = null);

public sealed record InvoiceOrderLine(
    Guid ProductId,
    string Sku,
    string Name,
    bool IsLicensed,
    int Quantity,
    long UnitPriceNetPence,
    decimal VatRatePercent,
    long NetPence,
    long VatPence,
    long GrossPence);

public sealed record IssuedInvoice(Guid InvoiceId, string InvoiceNumber, string Status);

/// <summary>An invoice was issued for an order (Ordering records its number on the order).</summary>
public sealed record InvoiceIssued(Guid OrderId, string OrderNumber, string InvoiceNumber, DateTimeOffset IssuedAt);
