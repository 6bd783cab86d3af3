namespace PrimeTech.Billing.Contracts;

/// <summary>
/// Send the customer to pay the order's invoice: the newest open Stripe Checkout Session if it has
/// more than a few minutes left, else a new one. Request/response: answered with
/// <see cref="CheckoutStarted"/>; ORDER_NOT_PENDING if the invoice is no longer awaiting payment,
/// PAYMENT_PROVIDER_ERROR if Stripe cannot be reached.
/// </summary>
public sealed record StartCheckout(Guid OrderId, string OrderNumber, string CustomerEmail);

public sealed record CheckoutStarted(string CheckoutUrl, string SessionId, DateTimeOffset ExpiresAt);

/// <summary>
/// A payment attempt on a pending order failed (<c>Failed</c>) or its payment page expired
/// (<c>Expired</c>); the customer can pay again.
/// </summary>
public sealed record PaymentAttemptFailed(Guid OrderId, string OrderNumber, string Reason, DateTimeOffset At);
