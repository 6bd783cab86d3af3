namespace PrimeTech.Billing.Tests;

/// <summary>
/// The webhook log: every event received with its outcome; a delivery whose processing fails is
/// rolled back, kept as Failed (500, so Stripe sends it again) and processed again on redelivery
/// or by an admin.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class AdminWebhookTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Fact]
    public async Task A_failed_event_is_recorded_with_its_error_answered_500_and_an_admin_processes_it_again()
    {
        var purchase = await Payments.CheckoutAsync();
        var eventId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();
        var series = Payments.ReceiptSeries;
        var before = await Payments.CounterAsync(series);
        await Payments.SetCounterAsync(series, 999_999);   // the next receipt number cannot be issued: processing fails
        int[] statuses;
        try
        {
            statuses = await app.Stripe.SendAsync(eventId);
        }
        finally
        {
            await Payments.SetCounterAsync(series, before);
        }

        Assert.Equal(new[] { 500 }, statuses);
        var failed = await Payments.EventAsync(eventId);
        Assert.Equal((WebhookOutcome.Failed, 1, purchase.OrderNumber), (failed!.Outcome, failed.Attempts, failed.OrderNumber ?? purchase.OrderNumber));
        Assert.StartsWith("SERIES_EXHAUSTED", failed.Error);
        Assert.Null(await Payments.ReceiptAsync(purchase.OrderNumber));
        Assert.Equal(before, await Payments.CounterAsync(series));

        var admin = await app.SignInAdminAsync();
        var list = await JsonAsync(admin, $"/api/admin/webhooks?outcome=failed&q={eventId}");
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(("Failed", "checkout.session.completed"), (row.GetProperty("outcome").GetString(), row.GetProperty("type").GetString()));
        Assert.StartsWith("SERIES_EXHAUSTED", row.GetProperty("error").GetString());

        var reprocessed = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Url($"/api/admin/webhooks/{eventId}/reprocess");
            s.StatusCodeShouldBeOk();
        })).ReadAsJsonAsync<JsonElement>();
        Assert.Equal("Processed", reprocessed.GetProperty("outcome").GetString());
        Assert.Equal(2, reprocessed.GetProperty("attempts").GetInt32());
        Assert.Null(reprocessed.GetProperty("error").GetString());
        Assert.Contains(eventId, reprocessed.GetProperty("payload").GetString());
        await Payments.ReceiptEventuallyAsync(purchase.OrderNumber);

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Url($"/api/admin/webhooks/{eventId}/reprocess");
            s.StatusCodeShouldBe(409);
            s.ContentShouldContain("WEBHOOK_NOT_FAILED");
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Url("/api/admin/webhooks/evt_test_unknown/reprocess");
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task Stripe_redelivering_a_failed_event_processes_it_again()
    {
        var purchase = await Payments.CheckoutAsync();
        var eventId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();
        var series = Payments.ReceiptSeries;
        var before = await Payments.CounterAsync(series);
        await Payments.SetCounterAsync(series, 999_999);
        try
        {
            Assert.Equal(new[] { 500, 500 }, await app.Stripe.SendAsync(eventId, times: 2));
        }
        finally
        {
            await Payments.SetCounterAsync(series, before);
        }
        Assert.Equal(2, (await Payments.EventAsync(eventId))!.Attempts);

        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(eventId));

        var recorded = await Payments.EventAsync(eventId);
        Assert.Equal((WebhookOutcome.Processed, 3, (string?)null), (recorded!.Outcome, recorded.Attempts, recorded.Error));
        await Payments.ReceiptEventuallyAsync(purchase.OrderNumber);
    }

    [Fact]
    public async Task The_webhook_log_lists_filters_and_shows_events_to_admins_only()
    {
        var purchase = await Payments.CheckoutAsync();
        await Payments.PayAsync(purchase);
        var eventId = (await app.Stripe.EventsAsync(purchase.SessionId)).Single().Id;
        var admin = await app.SignInAdminAsync();

        var byOrder = await JsonAsync(admin, $"/api/admin/webhooks?q={purchase.OrderNumber.ToLowerInvariant()}");
        var row = Assert.Single(byOrder.GetProperty("items").EnumerateArray());
        Assert.Equal(eventId, row.GetProperty("eventId").GetString());
        Assert.Equal("Processed", row.GetProperty("outcome").GetString());
        Assert.Equal(purchase.InvoiceNumber, row.GetProperty("invoiceNumber").GetString());
        Assert.Equal(1, row.GetProperty("attempts").GetInt32());
        Assert.False(row.TryGetProperty("payload", out _));

        var byType = await JsonAsync(admin, "/api/admin/webhooks?type=checkout.session.completed&outcome=Processed&pageSize=100");
        Assert.All(byType.GetProperty("items").EnumerateArray(), e => Assert.Equal("checkout.session.completed", e.GetProperty("type").GetString()));
        Assert.Equal(100, byType.GetProperty("pageSize").GetInt32());

        var detail = await JsonAsync(admin, $"/api/admin/webhooks/{eventId}");
        Assert.Contains("\"checkout.session.completed\"", detail.GetProperty("payload").GetString());

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url("/api/admin/webhooks?outcome=Sideways");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("VALIDATION_FAILED");
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url("/api/admin/webhooks?pageSize=101");
            s.StatusCodeShouldBe(400);
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url("/api/admin/webhooks/evt_test_nothing");
            s.StatusCodeShouldBe(404);
        });
        var customer = await app.CreateCustomerAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Get.Url("/api/admin/webhooks");
            s.StatusCodeShouldBe(403);
        });

        var visitor = PageVisitor.For(app, admin);
        var page = await visitor.GetAsync($"/admin/webhooks?q={purchase.OrderNumber}");
        Assert.Contains("Webhook events", page.Html);
        Assert.Contains($"/admin/webhooks/{eventId}", page.Html);
        var detailPage = await visitor.GetAsync($"/admin/webhooks/{eventId}");
        Assert.Contains("Payload", detailPage.Html);
        Assert.DoesNotContain("Process again", detailPage.Html);
        Assert.Contains($"/admin/webhooks/{eventId}", (await visitor.GetAsync($"/admin/orders/{purchase.OrderNumber}")).Html);
        await PageVisitor.For(app, customer).GetAsync("/admin/webhooks", 403);
    }

    [Fact]
    public async Task An_admin_processes_a_failed_event_again_from_its_page()
    {
        var purchase = await Payments.CheckoutAsync();
        var eventId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();
        var series = Payments.ReceiptSeries;
        var before = await Payments.CounterAsync(series);
        await Payments.SetCounterAsync(series, 999_999);
        try
        {
            Assert.Equal(new[] { 500 }, await app.Stripe.SendAsync(eventId));
        }
        finally
        {
            await Payments.SetCounterAsync(series, before);
        }
        var visitor = PageVisitor.For(app, await app.SignInAdminAsync());
        var path = $"/admin/webhooks/{eventId}";
        Assert.Contains("Process again", (await visitor.GetAsync(path)).Html);

        var done = await visitor.PostFormAsync(path + "?handler=Reprocess", new Dictionary<string, string>(), 303, path);

        Assert.Equal(path, done.Location);
        Assert.Contains("Event processed again: Processed.", (await visitor.GetAsync(path)).Html);
        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Paid);
    }

    private async Task<JsonElement> JsonAsync(TestUser user, string url) =>
        await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(user).Get.Url(url);
            s.StatusCodeShouldBeOk();
        })).ReadAsJsonAsync<JsonElement>();
}
