using System.Text.Json.Nodes;

namespace PrimeTech.Billing.Tests;

/// <summary>Admin refunds through Stripe's API; the order becomes Refunded only when Stripe's charge.refunded arrives.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class RefundTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Fact]
    public async Task An_admin_refunds_a_paid_order_and_it_becomes_Refunded_when_Stripe_confirms()
    {
        var purchase = await Payments.CheckoutAsync();
        var receipt = await Payments.PayAsync(purchase);
        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Paid);
        var admin = await app.SignInAdminAsync();

        var requested = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { reason = "Bought by mistake" }).ToUrl($"/api/admin/orders/{purchase.OrderNumber}/refund");
            s.StatusCodeShouldBe(202);
        })).ReadAsJsonAsync<JsonElement>();
        Assert.Equal(purchase.OrderNumber, requested.GetProperty("orderNumber").GetString());
        // Stripe's charge.refunded may complete the refund before the answer is written (RequestRefundHandler).
        Assert.Contains(requested.GetProperty("status").GetString(), new[] { "Pending", "Completed" });
        Assert.StartsWith("re_test_", requested.GetProperty("stripeRefundId").GetString());
        Assert.Equal(receipt.AmountPence, requested.GetProperty("amountPence").GetInt64());

        var order = await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Refunded);
        Assert.Equal([OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Refunded], order.History.Select(h => h.To));
        var refund = await Payments.RefundAsync(purchase.OrderNumber);
        Assert.Equal((RefundStatus.Completed, admin.Id, "Bought by mistake"), (refund!.Status, refund.RequestedBy, refund.Reason));
        var refundEvent = await Payments.EventAsync(refund.CompletedByEventId!);
        Assert.Equal(("charge.refunded", WebhookOutcome.Processed), (refundEvent!.Type, refundEvent.Outcome));

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Url($"/api/admin/orders/{purchase.OrderNumber}/refund");
            s.StatusCodeShouldBe(409);
            s.ContentShouldContain("REFUND_ALREADY_REQUESTED");
        });

        // The same charge.refunded again changes nothing.
        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(refundEvent.Id));
        Assert.Equal(1, (await Payments.EventAsync(refundEvent.Id))!.Attempts);

        var detail = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url($"/api/admin/orders/{purchase.OrderNumber}");
            s.StatusCodeShouldBeOk();
        })).ReadAsJsonAsync<JsonElement>();
        var billing = detail.GetProperty("billing");
        Assert.Equal("Completed", billing.GetProperty("refund").GetProperty("status").GetString());
        Assert.Equal(receipt.Number, billing.GetProperty("receipt").GetProperty("number").GetString());
        Assert.Equal("Paid", billing.GetProperty("invoice").GetProperty("status").GetString());   // a refund leaves the invoice as it was
        Assert.Contains(billing.GetProperty("webhookEvents").EnumerateArray(), e => e.GetProperty("type").GetString() == "charge.refunded");
    }

    [Fact]
    public async Task Only_a_paid_order_can_be_refunded_and_only_by_an_admin()
    {
        var purchase = await Payments.CheckoutAsync();
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Url($"/api/admin/orders/{purchase.OrderNumber}/refund");
            s.StatusCodeShouldBe(409);
            s.ContentShouldContain("ORDER_NOT_PAID");
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Url($"/api/admin/orders/{purchase.OrderNumber}/refund");
            s.StatusCodeShouldBe(403);
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Url("/api/admin/orders/ORD-20260101-ZZZZ/refund");
            s.StatusCodeShouldBe(404);
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { reason = new string('x', 501) }).ToUrl($"/api/admin/orders/{purchase.OrderNumber}/refund");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("Reason must be 500 characters or fewer");
        });
    }

    [Fact]
    public async Task The_refund_form_needs_the_confirmation_and_then_requests_the_refund()
    {
        var purchase = await Payments.CheckoutAsync();
        await Payments.PayAsync(purchase);
        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Paid);
        var visitor = PageVisitor.For(app, await app.SignInAdminAsync());
        var path = $"/admin/orders/{purchase.OrderNumber}";

        var form = await visitor.GetAsync(path);
        Assert.Contains("I understand this refunds £59.99 to the customer", form.Html);
        Assert.Contains("card and revokes their licences", form.Html);

        var unconfirmed = await visitor.PostFormAsync(path + "?handler=Refund", new Dictionary<string, string> { ["Input.Reason"] = "" }, 400, path);
        Assert.Contains("There is a problem", unconfirmed.Html);
        Assert.Contains("Confirm that you want to refund this order", unconfirmed.Html);
        Assert.Null(await Payments.RefundAsync(purchase.OrderNumber));

        var done = await visitor.PostFormAsync(path + "?handler=Refund",
            new Dictionary<string, string> { ["Input.Reason"] = "Duplicate order", ["Input.Confirm"] = "true" }, 303, path);
        Assert.Equal(path, done.Location);
        Assert.Contains("Refund requested. The order will show as refunded when Stripe confirms it.", (await visitor.GetAsync(path)).Html);

        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Refunded);
        var refunded = await visitor.GetAsync(path);
        Assert.Contains("Completed", refunded.Html);
        Assert.DoesNotContain("Refund order", refunded.Html);
    }

    [Fact]
    public async Task A_refund_made_in_Stripe_is_recorded_with_its_credit_note_a_partial_one_too()
    {
        var partialPurchase = await Payments.CheckoutAsync();
        var partialReceipt = await Payments.PayAsync(partialPurchase);
        var (partialRefund, partialEvent) = await app.Stripe.DashboardRefundAsync(partialReceipt.PaymentIntentId, 100);
        Assert.Equal(WebhookOutcome.Processed, (await Payments.EventEventuallyAsync(partialEvent)).Outcome);
        var partial = await Eventually.GetAsync(() => Payments.RefundAsync(partialPurchase.OrderNumber), "the partial refund", TimeSpan.FromSeconds(30));
        Assert.Equal((RefundStatus.Completed, (Guid?)null, 100L, partialRefund), (partial.Status, partial.RequestedBy, partial.AmountPence, partial.StripeRefundId));
        await Payments.OrderEventuallyAsync(partialPurchase.OrderNumber, OrderStatus.PartiallyRefunded);

        var purchase = await Payments.CheckoutAsync();
        var receipt = await Payments.PayAsync(purchase);
        var (_, eventId) = await app.Stripe.DashboardRefundAsync(receipt.PaymentIntentId);

        Assert.Equal(WebhookOutcome.Processed, (await Payments.EventEventuallyAsync(eventId)).Outcome);
        var refund = await Eventually.GetAsync(() => Payments.RefundAsync(purchase.OrderNumber), "the refund", TimeSpan.FromSeconds(30));
        Assert.Equal((RefundStatus.Completed, (Guid?)null, receipt.AmountPence), (refund.Status, refund.RequestedBy, refund.AmountPence));
        Assert.NotNull(refund.CreditNoteId);
        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Refunded);
    }

    [Fact]
    public async Task A_refund_event_for_a_charge_Stripe_does_not_know_is_recorded_as_failed()
    {
        var purchase = await Payments.CheckoutAsync();
        var receipt = await Payments.PayAsync(purchase);
        var (eventId, status) = await app.Stripe.SendCustomAsync("charge.refunded", Charge(receipt, refunded: true, amountRefunded: receipt.AmountPence));

        Assert.Equal(500, status);
        Assert.Equal(WebhookOutcome.Failed, (await Payments.EventAsync(eventId))!.Outcome);
        Assert.Null(await Payments.RefundAsync(purchase.OrderNumber));
    }

    private static JsonObject Charge(Receipt receipt, bool refunded, long amountRefunded) => new()
    {
        ["id"] = "ch_test_" + Guid.NewGuid().ToString("N"),
        ["object"] = "charge",
        ["amount"] = receipt.AmountPence,
        ["amount_refunded"] = amountRefunded,
        ["currency"] = "gbp",
        ["refunded"] = refunded,
        ["payment_intent"] = receipt.PaymentIntentId,
        ["metadata"] = new JsonObject { ["order_number"] = receipt.OrderNumber, ["invoice_number"] = receipt.InvoiceNumber },
    };
}
