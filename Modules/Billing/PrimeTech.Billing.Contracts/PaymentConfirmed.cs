namespace PrimeTech.Billing.Contracts;

/// <summary>
/// Stripe confirmed the payment of an order and its receipt was issued. Published once per order
/// (the receipt is unique per order), through Billing's durable outbox.
/// </summary>
public sealed record PaymentConfirmed(
    Guid OrderId,
    string OrderNumber,
    string InvoiceNumber,
    string ReceiptNumber,
    Guid CustomerId,
    string CustomerEmail,
    string CustomerName,
    long AmountPence,
    string Currency,
    DateTimeOffset PaidAt,
    IReadOnlyList<PaidLine> Lines);

public sealed record PaidLine(Guid ProductId, string Sku, string Name, bool IsLicensed, int Quantity);
