namespace PrimeTech.DeploymentTests;

/// <summary>
/// One instance is killed (SIGKILL) in the middle of a burst of checkouts and webhooks through
/// Caddy. The proxy sends the traffic to the other; requests that failed are repeated as a browser
/// and Stripe would; once the killed instance is back, every paid order has its receipt, licence
/// and emails exactly once, and nothing a failed request touched is left half written.
/// </summary>
[Collection(DeploymentCollection.Name), Trait("Category", "Deployment")]
public sealed class FailoverTests(Deployment deployment)
{
    [Fact]
    public async Task An_instance_killed_mid_burst_leaves_every_paid_order_whole_and_counted_once()
    {
        var buyers = await Customers.CreateAsync(deployment, 30);
        var carts = await Task.WhenAll(buyers.Select(async (buyer, i) =>
        {
            using var client = deployment.Instance(i % 2 + 1);
            using var add = await client.SendAsync(Requests.Json(HttpMethod.Post, "/api/cart/items", new { sku = Customers.LicensedSku, quantity = 1 }, buyer.Cookie));
            add.EnsureSuccessStatusCode();
            return (buyer, (await add.Content.ReadFromJsonAsync<Cart>())!.Revision);
        }));
        var webhookPaid = await ConcurrencyTests.PaidWithoutDeliveryAsync(deployment, await Customers.CreateAsync(deployment, 20));

        using var proxy = Deployment.Proxy();
        var completed = 0;
        var halfway = new TaskCompletionSource();
        async Task<T> Counted<T>(Task<T> request)
        {
            try { return await request; }
            finally { if (Interlocked.Increment(ref completed) == 10) halfway.TrySetResult(); }
        }

        var checkouts = carts.Select(c => Counted(TryAsync(() => CheckOutAsync(proxy, c.buyer, c.Revision)))).ToList();
        var webhooks = webhookPaid.SelectMany(p => Enumerable.Repeat(p.Event, 2))
            .Select(body => Counted(TryAsync(() => DeliverAsync(proxy, body)))).ToList();
        await halfway.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var kill = await Deployment.ProductionAsync("stop-instance", "1", "--kill");
        Assert.True(kill.ExitCode == 0, kill.Output + kill.Error);

        var checkoutAnswers = await Task.WhenAll(checkouts);
        var webhookAnswers = await Task.WhenAll(webhooks);

        // With instance 1 gone, the proxy serves every request from instance 2.
        for (var i = 0; i < 10; i++)
        {
            using var ready = await proxy.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var restart = await Deployment.ProductionAsync("start-instance", "1");
        Assert.True(restart.ExitCode == 0, restart.Output + restart.Error);

        // The customers whose checkout failed submit it again (the same cart revision), Stripe
        // redelivers the events that were not acknowledged.
        var orders = new List<CheckedOut>();
        foreach (var ((buyer, revision), answer) in carts.Zip(checkoutAnswers))
        {
            var result = answer;
            if (result is not { StatusCode: HttpStatusCode.Created or HttpStatusCode.OK })
                result = await CheckOutAsync(proxy, buyer, revision);
            orders.Add(await Customers.CheckedOutFromAsync(result, buyer));
        }
        foreach (var (body, answer) in webhookPaid.SelectMany(p => Enumerable.Repeat(p.Event, 2)).Zip(webhookAnswers))
            if (answer is not { IsSuccessStatusCode: true })
                (await DeliverAsync(proxy, body)).EnsureSuccessStatusCode();

        // Nothing half written: each buyer has one order, and the order records its invoice (the
        // number reaches Ordering by a message, so a moment after the invoice itself; a message the
        // killed instance held waits for Wolverine to release it, as long as the paid outcomes below).
        var expected = orders.Select(o => $"{o.OrderNumber} {o.InvoiceNumber}").Order().ToList();
        Task<List<string>> PlacedAsync() => Deployment.QueryAsync<string>(
            "select data->>'number' || ' ' || coalesce(data->>'invoiceNumber', '-') from ordering.mt_doc_order where data->>'customerEmail' = any($1)",
            buyers.Select(b => b.Email.ToLowerInvariant()).ToArray());
        await Eventually.TrueAsync(async () => (await PlacedAsync()).Order().SequenceEqual(expected), "every order to record its invoice", TimeSpan.FromMinutes(4));
        Assert.Equal(expected, (await PlacedAsync()).Order());
        await Outcomes.AssertInvoiceSeriesGapFreeAsync();

        foreach (var order in orders)
            await deployment.Stripe.PayAsync(order.SessionId);
        await Outcomes.AssertEachPaidOnceAsync(deployment, [.. orders, .. webhookPaid.Select(p => p.Order)], TimeSpan.FromMinutes(4));
    }

    private static Task<HttpResponseMessage> CheckOutAsync(HttpClient proxy, TestUser buyer, long revision) =>
        proxy.SendAsync(Requests.Json(HttpMethod.Post, "/api/orders/checkout", new { cartRevision = revision }, buyer.Cookie));

    private Task<HttpResponseMessage> DeliverAsync(HttpClient proxy, string body) =>
        proxy.SendAsync(StripeWebhooks.SignedRequest(body, deployment.WebhookSecret));

    /// <summary>A request that failed in transport (the instance died under it) is an answer too: null.</summary>
    private static async Task<HttpResponseMessage?> TryAsync(Func<Task<HttpResponseMessage>> send)
    {
        try { return await send(); }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) { return null; }
    }

    private sealed record Cart(long Revision);
}
