using PrimeTech.Billing.StripeApi;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace PrimeTech.Billing.Payments;

/// <summary>Close an open Checkout Session of a cancelled order, so it can no longer be paid (Billing-internal, asynchronous).</summary>
public sealed record ExpireCheckoutSession(string SessionId);

/// <summary>
/// Asks Stripe to expire the session (Stripe then sends <c>checkout.session.expired</c>). A session
/// Stripe no longer holds open (already expired, or completed) counts as done. Failures to reach
/// Stripe are retried with growing pauses.
/// </summary>
public static class ExpireCheckoutSessionHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<PaymentProviderException>().Or<HttpRequestException>().Or<TaskCanceledException>()
            .RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30))
            .Then.ScheduleRetry(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10))
            .Then.MoveToErrorQueue();

    public static async Task Handle(ExpireCheckoutSession command, IDocumentSession session, StripeGateway stripe, CancellationToken ct)
    {
        await stripe.ExpireCheckoutSessionAsync(command.SessionId, ct);
        var record = await session.LoadAsync<CheckoutSessionRecord>(command.SessionId, ct);
        if (record is not null && record.TryMove(CheckoutSessionStatus.Expired))
            session.Store(record);
    }
}
