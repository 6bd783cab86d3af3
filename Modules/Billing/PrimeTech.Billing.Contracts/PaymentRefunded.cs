namespace PrimeTech.Billing.Contracts;

/// <summary>Stripe reported the full refund of a paid order.</summary>
public sealed record PaymentRefunded(
    Guid OrderId,
    string OrderNumber,
    string InvoiceNumber,
    string ReceiptNumber,
    Guid CustomerId,
    long AmountPence,
    DateTimeOffset PaidAt,
    DateTimeOffset RefundedAt);
