namespace PrimeTech.Billing.Tests;

/// <summary>The plan's Phase C checks for orders and payments, against the Stripe stand-in over real HTTP.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class PhaseCTests(PaymentsFixture app)
{
    [Fact]
    public async Task PhaseC_order_flow_invoice_created_at_checkout_initiation()
    {
        var customer = await app.CreateCustomerAsync();
        var cart = await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Json(new { sku = "PT-BACKUP-PRO", quantity = 1 }).ToUrl("/api/cart/items");
            s.StatusCodeShouldBeOk();
        });
        var revision = (await cart.ReadAsJsonAsync<CartRevision>())!.Revision;
        await app.SaveAsync(customer.Id);

        var checkout = await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Json(new { cartRevision = revision }).ToUrl("/api/orders/checkout");
            s.StatusCodeShouldBe(201);
        });
        var result = (await checkout.ReadAsJsonAsync<CheckoutResult>())!;

        // The invoice exists, Issued, the moment checkout starts — before any payment.
        var invoice = await app.Payments.InvoiceAsync(result.InvoiceNumber);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        Assert.Equal(5999, invoice.GrossPence);
        Assert.Null(await app.Payments.ReceiptAsync(result.OrderNumber));
        Assert.Equal(OrderStatus.PendingPayment, (await app.Payments.OrderAsync(result.OrderNumber))!.Status);

        // The customer is sent to a Stripe Checkout Session for exactly the invoice's total.
        Assert.StartsWith(app.Stripe.BaseAddress + "pay/cs_test_", result.CheckoutUrl);
        var sessionId = result.CheckoutUrl[(result.CheckoutUrl.LastIndexOf('/') + 1)..];
        var session = await app.Stripe.SessionAsync(sessionId, AppFixture.StripeApiKey);
        Assert.Equal(5999, (long)session["amount_total"]!);
        Assert.Equal("gbp", (string?)session["currency"]);
        Assert.Equal(result.OrderNumber, (string?)session["client_reference_id"]);
        Assert.Equal(result.InvoiceNumber, (string?)session["metadata"]!["invoice_number"]);
        Assert.Equal($"{app.SiteUrl}/checkout/success?order={result.OrderNumber}", (string?)session["success_url"]);
        Assert.Equal($"{app.SiteUrl}/checkout/cancelled?order={result.OrderNumber}", (string?)session["cancel_url"]);
        var record = await app.Payments.SessionRecordAsync(sessionId);
        Assert.Equal(invoice.Id, record!.InvoiceId);
    }

    [Fact]
    public async Task PhaseC_payment_webhook_receipt_created_only_on_confirmation()
    {
        var user = await app.CreateCustomerAsync();
        var purchase = await app.Payments.CheckoutAsync(customer: Payments.CustomerOf(user));

        // Coming back to the success page (as Stripe's redirect does) confirms nothing.
        var success = await PageVisitor.For(app, user).GetAsync($"/checkout/success?order={purchase.OrderNumber}");
        Assert.Contains($"We are confirming your payment for order {purchase.OrderNumber}", success.Html);
        Assert.Null(await app.Payments.ReceiptAsync(purchase.OrderNumber));
        Assert.Equal(InvoiceStatus.Issued, (await app.Payments.InvoiceAsync(purchase.InvoiceNumber)).Status);
        Assert.Equal(OrderStatus.PendingPayment, (await app.Payments.OrderAsync(purchase.OrderNumber))!.Status);

        // Stripe's signed checkout.session.completed is what confirms it.
        await app.Stripe.PayAsync(purchase.SessionId);
        var receipt = await app.Payments.ReceiptEventuallyAsync(purchase.OrderNumber);
        Assert.Matches(@"^RCP-\d{4}-\d{6}$", receipt.Number);
        Assert.Equal(purchase.GrossPence, receipt.AmountPence);
        Assert.Equal(InvoiceStatus.Paid, (await app.Payments.InvoiceAsync(purchase.InvoiceNumber)).Status);
        var order = await app.Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Paid);
        Assert.Equal(receipt.Number, order.ReceiptNumber);

        var paidPage = await PageVisitor.For(app, user).GetAsync($"/checkout/success?order={purchase.OrderNumber}");
        Assert.Contains("Payment received", paidPage.Html);
        Assert.Contains(receipt.Number, paidPage.Html);
    }

    private sealed record CartRevision(long Revision);
}
