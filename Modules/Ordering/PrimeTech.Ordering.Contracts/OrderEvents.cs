namespace PrimeTech.Ordering.Contracts;

/// <summary>
/// A customer checked out: the order exists in <c>PendingPayment</c> with this snapshot of its lines.
/// Billing issues the order's invoice from it (the durable safety net behind the checkout flow's
/// synchronous <c>IssueInvoiceForOrder</c>). <see cref="BillingDetails"/> is the snapshot taken at
/// checkout (null for orders placed before billing details were collected).
/// </summary>
public sealed record OrderPlaced(
    Guid OrderId,
    string OrderNumber,
    Guid CustomerId,
    string CustomerEmail,
    string CustomerName,
    DateTimeOffset PlacedAt,
    IReadOnlyList<OrderLineSnapshot> Lines,
    long NetPence,
    long VatPence,
    long GrossPence,
    OrderBillingDetails? BillingDetails = null);

/// <summary>The customer's billing details as they were at checkout (fields as Billing's <c>BillingDetails</c>).</summary>
public sealed record OrderBillingDetails(
    string Name,
    string? CompanyName,
    string AddressLine1,
    string? AddressLine2,
    string City,
    string? Postcode,
    string Country,
    string? VatNumber);

public sealed record OrderLineSnapshot(
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

/// <summary>A pending order was cancelled, by its customer (<c>Customer</c>) or because it was not paid in time (<c>Expired</c>).</summary>
public sealed record OrderCancelled(Guid OrderId, string OrderNumber, Guid CustomerId, string Reason, DateTimeOffset CancelledAt);
