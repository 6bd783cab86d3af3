using System.Globalization;

namespace PrimeTech.Billing.Tests;

/// <summary>
/// Every event id is recorded once and processed in the transaction that records it: repeated,
/// concurrent and out-of-order deliveries, and both "completed" and "async_payment_succeeded" for
/// one payment, give exactly one receipt and the right final state.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class IdempotencyTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Fact]
    public async Task Twenty_concurrent_deliveries_of_one_event_give_one_receipt_move_the_series_by_one_and_all_get_2xx()
    {
        var purchase = await Payments.CheckoutAsync();
        var eventId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();
        var before = await Payments.CounterAsync(Payments.ReceiptSeries) ?? 0;

        var statuses = await app.Stripe.SendAsync(eventId, times: 20, concurrent: true);

        Assert.Equal(20, statuses.Length);
        Assert.All(statuses, status => Assert.InRange(status, 200, 299));
        var receipt = Assert.Single(await Payments.ReceiptsAsync(purchase.OrderNumber));
        Assert.Equal(before + 1, await Payments.CounterAsync(Payments.ReceiptSeries));
        Assert.EndsWith((before + 1).ToString("D6", CultureInfo.InvariantCulture), receipt.Number);
        var recorded = await Payments.EventAsync(eventId);
        Assert.Equal((WebhookOutcome.Processed, 1), (recorded!.Outcome, recorded.Attempts));
    }

    [Fact]
    public async Task A_seen_event_id_is_answered_200_and_changes_nothing()
    {
        var purchase = await Payments.CheckoutAsync();
        var eventId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();
        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(eventId));
        var first = await Payments.EventAsync(eventId);

        Assert.Equal(new[] { 200, 200, 200 }, await app.Stripe.SendAsync(eventId, times: 3));

        var again = await Payments.EventAsync(eventId);
        Assert.Equal((first!.Attempts, first.LastProcessedAt, first.Outcome), (again!.Attempts, again.LastProcessedAt, again.Outcome));
        Assert.Single(await Payments.ReceiptsAsync(purchase.OrderNumber));
    }

    [Fact]
    public async Task Completed_then_async_payment_succeeded_for_one_payment_give_one_receipt()
    {
        var purchase = await Payments.CheckoutAsync();
        var events = await app.Stripe.PayAsync(purchase.SessionId, asyncPayment: true);
        Assert.Equal(2, events.Count);

        var receipt = await Payments.ReceiptEventuallyAsync(purchase.OrderNumber);
        var completed = await Payments.EventEventuallyAsync(events[0]);
        var succeeded = await Payments.EventEventuallyAsync(events[1]);
        Assert.Equal("checkout.session.completed", completed.Type);
        Assert.Equal(WebhookOutcome.NoChange, completed.Outcome);     // payment_status = unpaid: awaiting the delayed method
        Assert.Equal(WebhookOutcome.Processed, succeeded.Outcome);
        Assert.Equal(CheckoutSessionStatus.Paid, (await Payments.SessionRecordAsync(purchase.SessionId))!.Status);

        // Both again, at once: still one receipt.
        await Task.WhenAll(app.Stripe.SendAsync(events[0], times: 5, concurrent: true), app.Stripe.SendAsync(events[1], times: 5, concurrent: true));
        Assert.Equal(receipt.Number, Assert.Single(await Payments.ReceiptsAsync(purchase.OrderNumber)).Number);
    }

    [Fact]
    public async Task A_paid_completed_and_an_async_success_for_the_same_payment_arriving_together_give_one_receipt()
    {
        var purchase = await Payments.CheckoutAsync();
        var completedId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();
        var session = await app.Stripe.SessionAsync(purchase.SessionId, AppFixture.StripeApiKey);

        var succeeded = app.Stripe.SendCustomAsync("checkout.session.async_payment_succeeded", session);
        var completed = app.Stripe.SendAsync(completedId, times: 3, concurrent: true);
        await Task.WhenAll(succeeded, completed);

        Assert.Equal(200, (await succeeded).Status);
        Assert.All(await completed, status => Assert.Equal(200, status));
        Assert.Single(await Payments.ReceiptsAsync(purchase.OrderNumber));
        Assert.Equal(InvoiceStatus.Paid, (await Payments.InvoiceAsync(purchase.InvoiceNumber)).Status);
    }

    [Fact]
    public async Task Async_payment_succeeded_before_completed_ends_paid_with_one_receipt()
    {
        var purchase = await Payments.CheckoutAsync();
        var events = await app.Stripe.PayAsync(purchase.SessionId, asyncPayment: true, deliver: false);

        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(events[1]));
        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(events[0]));

        Assert.Single(await Payments.ReceiptsAsync(purchase.OrderNumber));
        // The late "completed (unpaid)" does not move the session back to awaiting payment.
        Assert.Equal(CheckoutSessionStatus.Paid, (await Payments.SessionRecordAsync(purchase.SessionId))!.Status);
        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Paid);
    }

    [Fact]
    public async Task An_expiry_arriving_after_the_payment_changes_nothing()
    {
        var purchase = await Payments.CheckoutAsync();
        await Payments.PayAsync(purchase);
        var session = await app.Stripe.SessionAsync(purchase.SessionId, AppFixture.StripeApiKey);
        session["status"] = "expired";

        var (eventId, status) = await app.Stripe.SendCustomAsync("checkout.session.expired", session);

        Assert.Equal(200, status);
        Assert.Equal(WebhookOutcome.NoChange, (await Payments.EventAsync(eventId))!.Outcome);
        Assert.Equal(CheckoutSessionStatus.Paid, (await Payments.SessionRecordAsync(purchase.SessionId))!.Status);
        var order = await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Paid);
        Assert.Empty(order.PaymentIssues);
    }

    [Fact]
    public async Task A_refund_reported_before_the_payment_is_confirmed_is_applied_right_after_the_receipt()
    {
        var purchase = await Payments.CheckoutAsync();
        var completedId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();
        var session = await app.Stripe.SessionAsync(purchase.SessionId, AppFixture.StripeApiKey);

        // Refunded in Stripe's dashboard; its charge.refunded is delivered before the payment's own event.
        var (_, refundEventId) = await app.Stripe.DashboardRefundAsync((string)session["payment_intent"]!);
        Assert.Equal(WebhookOutcome.Processed, (await Payments.EventEventuallyAsync(refundEventId)).Outcome);
        Assert.NotNull((await Payments.InvoiceAsync(purchase.InvoiceNumber)).EarlyRefund);
        Assert.Null(await Payments.ReceiptAsync(purchase.OrderNumber));

        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(completedId));

        var receipt = await Payments.ReceiptEventuallyAsync(purchase.OrderNumber);
        var refund = await Payments.RefundAsync(purchase.OrderNumber);
        Assert.Equal((RefundStatus.Completed, receipt.Number, (Guid?)null), (refund!.Status, refund.ReceiptNumber, refund.RequestedBy));
        Assert.NotNull(refund.CreditNoteId);
        Assert.Null((await Payments.InvoiceAsync(purchase.InvoiceNumber)).EarlyRefund);
        var order = await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Refunded);
        Assert.Equal([OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Refunded], order.History.Select(h => h.To));
        Assert.Equal(receipt.Number, order.ReceiptNumber);
    }
}
