namespace PrimeTech.Billing.Contracts;

/// <summary>
/// A paid order has nothing left to refund: Stripe reported its last refund (the one whose credit
/// note completes it; <see cref="AmountPence"/> is everything refunded). Published once per order.
/// </summary>
public sealed record PaymentRefunded(
    Guid OrderId,
    string OrderNumber,
    string InvoiceNumber,
    string ReceiptNumber,
    Guid CustomerId,
    long AmountPence,
    DateTimeOffset PaidAt,
    DateTimeOffset RefundedAt);
