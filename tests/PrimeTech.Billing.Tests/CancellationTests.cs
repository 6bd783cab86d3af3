namespace PrimeTech.Billing.Tests;

/// <summary>Cancelling an order closes its payment page at Stripe; a payment that still gets through is flagged, not receipted.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class CancellationTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Fact]
    public async Task Cancelling_an_order_expires_its_open_Stripe_session()
    {
        var purchase = await Payments.CheckoutAsync();

        await Payments.Bus.InvokeAsync<OrderDetail>(new CancelOrder(purchase.OrderNumber, purchase.Customer.Id));

        await Eventually.TrueAsync(async () =>
                (string?)(await app.Stripe.SessionAsync(purchase.SessionId, AppFixture.StripeApiKey))["status"] == "expired",
            "Stripe's session to be expired");
        var expired = await Eventually.GetAsync(async () =>
            (await app.Stripe.EventsAsync(purchase.SessionId, "checkout.session.expired")).SingleOrDefault(), "the expired event");
        await Payments.EventEventuallyAsync(expired.Id);
        Assert.Equal(CheckoutSessionStatus.Expired, (await Payments.SessionRecordAsync(purchase.SessionId))!.Status);
        Assert.Equal(InvoiceStatus.Void, (await Payments.InvoiceAsync(purchase.InvoiceNumber)).Status);
        // The cancelled order is not told its payment page expired.
        Assert.Empty((await Payments.OrderAsync(purchase.OrderNumber))!.PaymentIssues);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Stripe.PayAsync(purchase.SessionId));
    }

    [Fact]
    public async Task A_payment_confirmed_after_the_order_was_cancelled_issues_no_receipt_and_asks_for_a_refund()
    {
        var purchase = await Payments.CheckoutAsync();
        var eventId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();
        await Payments.Bus.InvokeAsync<OrderDetail>(new CancelOrder(purchase.OrderNumber, purchase.Customer.Id));
        await Eventually.TrueAsync(async () => (await Payments.InvoiceAsync(purchase.InvoiceNumber)).Status == InvoiceStatus.Void,
            "the invoice to be void");

        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(eventId));

        var recorded = await Payments.EventAsync(eventId);
        Assert.Equal(WebhookOutcome.NeedsAttention, recorded!.Outcome);
        Assert.Null(await Payments.ReceiptAsync(purchase.OrderNumber));
        Assert.Equal(PaymentAnomalyKind.PaidAfterVoid, Assert.Single((await Payments.InvoiceAsync(purchase.InvoiceNumber)).Anomalies).Kind);
        Assert.Equal(OrderStatus.Cancelled, (await Payments.OrderAsync(purchase.OrderNumber))!.Status);

        var page = await PageVisitor.For(app, await app.SignInAdminAsync()).GetAsync($"/admin/orders/{purchase.OrderNumber}");
        Assert.Contains("Paid after the order was cancelled: refund it in Stripe", page.Html);
    }

    [Fact]
    public async Task An_event_for_a_session_nobody_knows_needs_attention()
    {
        var session = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "cs_test_" + Guid.NewGuid().ToString("N"),
            ["object"] = "checkout.session",
            ["amount_total"] = 1000,
            ["currency"] = "gbp",
            ["payment_status"] = "paid",
            ["status"] = "complete",
            ["payment_intent"] = "pi_test_" + Guid.NewGuid().ToString("N"),
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
        };

        var (eventId, status) = await app.Stripe.SendCustomAsync("checkout.session.completed", session);

        Assert.Equal(200, status);
        var recorded = await Payments.EventAsync(eventId);
        Assert.Equal((WebhookOutcome.NeedsAttention, "No invoice matches this session"), (recorded!.Outcome, recorded.Error));
    }
}
