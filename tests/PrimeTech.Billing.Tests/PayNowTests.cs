namespace PrimeTech.Billing.Tests;

/// <summary>"Pay now" reuses the order's one invoice and its open session; a new session only when the last one ended.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class PayNowTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Fact]
    public async Task Pay_now_reuses_the_open_session_then_makes_a_new_one_only_after_it_expired()
    {
        var user = await app.CreateCustomerAsync();
        var purchase = await Payments.CheckoutAsync(customer: Payments.CustomerOf(user));

        var again = await PayAsync(user, purchase.OrderNumber);
        Assert.Equal(purchase.Checkout.CheckoutUrl, again.GetProperty("checkoutUrl").GetString());
        Assert.Equal(purchase.InvoiceNumber, again.GetProperty("invoiceNumber").GetString());

        await app.Stripe.ExpireAsync(purchase.SessionId);
        var order = await Eventually.GetAsync(async () =>
            await Payments.OrderAsync(purchase.OrderNumber) is { PaymentIssues.Count: > 0 } o ? o : null, "the expiry to reach the order");
        Assert.Equal("Expired", order.PaymentIssues.Single().Kind);
        Assert.Equal(CheckoutSessionStatus.Expired, (await Payments.SessionRecordAsync(purchase.SessionId))!.Status);

        var renewed = await PayAsync(user, purchase.OrderNumber);
        var newUrl = renewed.GetProperty("checkoutUrl").GetString()!;
        Assert.NotEqual(purchase.Checkout.CheckoutUrl, newUrl);
        Assert.Equal(purchase.InvoiceNumber, renewed.GetProperty("invoiceNumber").GetString());
        Assert.Equal(2, (await Payments.SessionRecordsAsync(purchase.InvoiceNumber)).Count);

        // The customer pays on the new page; the order shows the earlier expiry no longer matters.
        await app.Stripe.PayAsync(newUrl[(newUrl.LastIndexOf('/') + 1)..]);
        await Payments.ReceiptEventuallyAsync(purchase.OrderNumber);
        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Paid);
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(user).Post.Url($"/api/orders/{purchase.OrderNumber}/pay");
            s.StatusCodeShouldBe(409);
        });
    }

    [Fact]
    public async Task A_declined_payment_is_shown_on_the_order_and_pay_now_opens_a_new_page()
    {
        var user = await app.CreateCustomerAsync();
        var purchase = await Payments.CheckoutAsync(customer: Payments.CustomerOf(user));

        await app.Stripe.DeclineAsync(purchase.SessionId);

        await Eventually.TrueAsync(async () => (await Payments.OrderAsync(purchase.OrderNumber))!.PaymentIssues.Any(i => i.Kind == "Failed"),
            "the failed attempt to reach the order");
        var page = await PageVisitor.For(app, user).GetAsync($"/account/orders/{purchase.OrderNumber}");
        Assert.Contains("failed.", page.Html);
        Assert.Contains("Pay now", page.Html);

        var renewed = await PayAsync(user, purchase.OrderNumber);
        Assert.NotEqual(purchase.Checkout.CheckoutUrl, renewed.GetProperty("checkoutUrl").GetString());
    }

    [Fact]
    public async Task Pay_now_is_for_the_owner_with_a_verified_email_only()
    {
        var owner = await app.CreateCustomerAsync();
        var purchase = await Payments.CheckoutAsync(customer: Payments.CustomerOf(owner));
        var stranger = await app.CreateCustomerAsync();
        var unverified = await app.CreateCustomerAsync(verified: false);

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(stranger).Post.Url($"/api/orders/{purchase.OrderNumber}/pay");
            s.StatusCodeShouldBe(404);
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(unverified).Post.Url($"/api/orders/{purchase.OrderNumber}/pay");
            s.StatusCodeShouldBe(403);
        });
        await app.Host.Scenario(s =>
        {
            s.Post.Url($"/api/orders/{purchase.OrderNumber}/pay");
            s.StatusCodeShouldBe(401);
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(owner).Post.Url("/api/orders/ORD-NOT-AN-ORDER/pay");
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task The_pages_send_the_customer_back_to_Stripe_from_the_order_and_from_the_cancelled_page()
    {
        var user = await app.CreateCustomerAsync();
        var purchase = await Payments.CheckoutAsync(customer: Payments.CustomerOf(user));
        var visitor = PageVisitor.For(app, user);

        var cancelled = await visitor.GetAsync($"/checkout/cancelled?order={purchase.OrderNumber}");
        Assert.Contains("Payment not completed", cancelled.Html);
        Assert.Contains($"Your order {purchase.OrderNumber} is still waiting for payment.", cancelled.Html);
        Assert.Contains($"/account/orders/{purchase.OrderNumber}/cancel", cancelled.Html);

        var fromCancelled = await visitor.PostFormAsync($"/checkout/cancelled?order={purchase.OrderNumber}", new Dictionary<string, string>(), 303);
        Assert.Equal(purchase.Checkout.CheckoutUrl, fromCancelled.Location);
        var fromOrder = await visitor.PostFormAsync($"/account/orders/{purchase.OrderNumber}?handler=Pay", new Dictionary<string, string>(), 303,
            $"/account/orders/{purchase.OrderNumber}");
        Assert.Equal(purchase.Checkout.CheckoutUrl, fromOrder.Location);

        var stranger = PageVisitor.For(app, await app.CreateCustomerAsync());
        await stranger.GetAsync($"/checkout/cancelled?order={purchase.OrderNumber}", 404);
        await stranger.GetAsync($"/checkout/success?order={purchase.OrderNumber}", 404);
        await stranger.GetAsync("/checkout/success?order=nonsense", 404);
    }

    private async Task<JsonElement> PayAsync(TestUser user, string orderNumber)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.SignedInAs(user).Post.Url($"/api/orders/{orderNumber}/pay");
            s.StatusCodeShouldBeOk();
        });
        return await result.ReadAsJsonAsync<JsonElement>();
    }
}
