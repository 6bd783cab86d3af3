namespace PrimeTech.Billing.Webhooks;

/// <summary>
/// Every Stripe event the webhook accepted (signature verified), keyed by Stripe's event id: the
/// primary key is what makes delivery idempotent. Processed in the transaction that records it;
/// only a <see cref="WebhookOutcome.Failed"/> event is ever processed again (redelivery or an admin).
/// </summary>
public sealed class StripeWebhookEvent
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public string? ApiVersion { get; set; }
    public DateTimeOffset StripeCreatedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public bool Livemode { get; set; }
    public WebhookOutcome Outcome { get; set; }
    public string? OrderNumber { get; set; }
    public string? InvoiceNumber { get; set; }

    /// <summary>Why processing failed or needs attention: exception type and message, never a stack trace.</summary>
    public string? Error { get; set; }

    public int Attempts { get; set; }
    public DateTimeOffset LastProcessedAt { get; set; }

    /// <summary>The raw JSON body exactly as signed.</summary>
    public string Payload { get; set; } = "";
}

public enum WebhookOutcome
{
    Processed,
    NoChange,
    Unhandled,
    AmountMismatch,
    NeedsAttention,
    Failed,
}
