namespace PrimeTech.Billing.Payments;

/// <summary>
/// A Stripe Checkout Session made for an invoice (<see cref="Id"/> is Stripe's <c>cs_…</c>). Its
/// status follows the webhook events: Open → AwaitingAsyncPayment | Paid | PaymentFailed | Expired,
/// AwaitingAsyncPayment → Paid | PaymentFailed; nothing leaves Paid, PaymentFailed or Expired, so
/// events arriving late or out of order cannot move it back.
/// </summary>
public sealed class CheckoutSessionRecord
{
    /// <summary>How long before its expiry an open session stops being offered again.</summary>
    public static readonly TimeSpan ReuseMargin = TimeSpan.FromMinutes(5);

    public string Id { get; set; } = "";
    public Guid InvoiceId { get; set; }
    public string InvoiceNumber { get; set; } = "";
    public string OrderNumber { get; set; } = "";
    public string Url { get; set; } = "";
    public CheckoutSessionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? PaymentIntentId { get; set; }

    public bool IsReusable(DateTimeOffset now) => Status == CheckoutSessionStatus.Open && ExpiresAt > now + ReuseMargin;

    /// <summary>Moves to <paramref name="to"/> if the state machine allows it; false (and no change) otherwise.</summary>
    public bool TryMove(CheckoutSessionStatus to)
    {
        var allowed = (Status, to) switch
        {
            (CheckoutSessionStatus.Open, not CheckoutSessionStatus.Open) => true,
            (CheckoutSessionStatus.AwaitingAsyncPayment, CheckoutSessionStatus.Paid or CheckoutSessionStatus.PaymentFailed) => true,
            _ => false,
        };
        if (allowed) Status = to;
        return allowed;
    }
}

public enum CheckoutSessionStatus
{
    Open,
    AwaitingAsyncPayment,
    Paid,
    PaymentFailed,
    Expired,
}
