namespace PrimeTech.Billing.Payments;

/// <summary>
/// The full refund of an order's payment (partial refunds are not supported). Started by an admin
/// (Pending until Stripe's <c>charge.refunded</c> completes it), or made in Stripe's dashboard and
/// recorded Completed when its event arrives. One per order.
/// </summary>
public sealed class Refund
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public string InvoiceNumber { get; set; } = "";

    /// <summary>Empty when the payment never got a receipt (paid after the order was cancelled).</summary>
    public string ReceiptNumber { get; set; } = "";

    public string? StripeRefundId { get; set; }
    public long AmountPence { get; set; }
    public RefundStatus Status { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? RequestedAt { get; set; }

    /// <summary>The admin who asked; null when the refund was made in Stripe's dashboard.</summary>
    public Guid? RequestedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedByEventId { get; set; }
}

public enum RefundStatus
{
    Pending,
    Completed,
}
