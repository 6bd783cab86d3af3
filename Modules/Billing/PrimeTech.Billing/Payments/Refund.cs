using PrimeTech.Billing.CreditNotes;

namespace PrimeTech.Billing.Payments;

/// <summary>
/// One Stripe refund of an order's payment, whole or partial; an order may have several, together
/// at most what was paid. Started by an admin — kept Pending, with what it credits, before Stripe is
/// asked, so concurrent requests cannot refund more than is left; Failed if Stripe refused — or made
/// in Stripe's dashboard and recorded when its <c>charge.refunded</c> arrives. Completed when that
/// event reports it, in the transaction that issues its credit note.
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
    public RefundKind Kind { get; set; }
    public string? Reason { get; set; }

    /// <summary>What the refund credits (net, VAT and gross per line or VAT rate); the credit note copies it.</summary>
    public List<CreditLine> Lines { get; set; } = [];

    /// <summary>The licences of the refunded units, as the admin chose them.</summary>
    public List<string> LicenceKeys { get; set; } = [];

    public DateTimeOffset? RequestedAt { get; set; }

    /// <summary>The admin who asked; null when the refund was made in Stripe's dashboard.</summary>
    public Guid? RequestedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedByEventId { get; set; }

    /// <summary>Why Stripe refused it (Failed).</summary>
    public string? Error { get; set; }

    public Guid? CreditNoteId { get; set; }
    public string? CreditNoteNumber { get; set; }

    /// <summary>Pending and Completed refunds count against what is left to refund; a Failed one does not.</summary>
    public bool Counts => Status != RefundStatus.Failed;
}

public enum RefundStatus
{
    Pending,
    Completed,
    Failed,
}

/// <summary>What the admin asked for: everything left, an amount, or units of lines.</summary>
public enum RefundKind
{
    Remainder,
    Amount,
    Lines,
}
