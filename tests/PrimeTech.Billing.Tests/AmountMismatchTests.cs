namespace PrimeTech.Billing.Tests;

/// <summary>A payment whose amount or currency differs from the invoice issues nothing and is recorded for an admin.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class AmountMismatchTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Theory]
    [InlineData(-1, "gbp")]
    [InlineData(0, "eur")]
    public async Task A_payment_that_does_not_match_the_invoice_issues_no_receipt_and_is_shown_to_admins(long pennies, string currency)
    {
        var purchase = await Payments.CheckoutAsync();
        var genuine = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();
        var tampered = await app.Stripe.SessionAsync(purchase.SessionId, AppFixture.StripeApiKey);
        tampered["amount_total"] = purchase.GrossPence + pennies;
        tampered["currency"] = currency;

        var (eventId, status) = await app.Stripe.SendCustomAsync("checkout.session.completed", tampered);

        Assert.Equal(200, status);
        var recorded = await Payments.EventAsync(eventId);
        Assert.Equal((WebhookOutcome.AmountMismatch, purchase.OrderNumber), (recorded!.Outcome, recorded.OrderNumber));
        Assert.Null(await Payments.ReceiptAsync(purchase.OrderNumber));
        var invoice = await Payments.InvoiceAsync(purchase.InvoiceNumber);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        var anomaly = Assert.Single(invoice.Anomalies);
        Assert.Equal((PaymentAnomalyKind.AmountMismatch, eventId), (anomaly.Kind, anomaly.EventId));
        Assert.Equal(OrderStatus.PendingPayment, (await Payments.OrderAsync(purchase.OrderNumber))!.Status);

        var admin = await app.SignInAdminAsync();
        var page = await PageVisitor.For(app, admin).GetAsync($"/admin/orders/{purchase.OrderNumber}");
        Assert.Contains("Amount mismatch:", page.Html);
        Assert.Contains(eventId, page.Html);

        // The genuine event still confirms the payment.
        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(genuine));
        await Payments.ReceiptEventuallyAsync(purchase.OrderNumber);
    }
}
