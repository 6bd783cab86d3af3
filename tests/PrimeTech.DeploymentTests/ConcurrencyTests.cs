namespace PrimeTech.DeploymentTests;

/// <summary>Real parallel requests spread over both instances, which share PostgreSQL: numbers stay gap-free, payments count once.</summary>
[Collection(DeploymentCollection.Name), Trait("Category", "Deployment")]
public sealed class ConcurrencyTests(Deployment deployment)
{
    [Fact]
    public async Task A_hundred_parallel_checkouts_over_both_instances_get_unique_gap_free_invoice_numbers()
    {
        var customers = await Customers.CreateAsync(deployment, 100);

        var checkouts = await Task.WhenAll(customers.Select(async (customer, i) =>
        {
            using var client = deployment.Instance(i % 2 + 1);
            using var response = await Customers.CheckOutAsync(client, customer);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await Customers.CheckedOutFromAsync(response, customer);
        }));

        Assert.Equal(100, checkouts.Select(c => c.InvoiceNumber).Distinct().Count());
        Assert.Equal(100, checkouts.Select(c => c.OrderNumber).Distinct().Count());
        await Outcomes.AssertInvoiceSeriesGapFreeAsync();
    }

    [Fact]
    public async Task A_burst_of_signed_webhooks_over_both_instances_gives_exactly_one_receipt_per_payment()
    {
        var paid = await PaidWithoutDeliveryAsync(deployment, await Customers.CreateAsync(deployment, 20));
        // Each payment's event three times, as Stripe may redeliver, all at once, alternating instances.
        var deliveries = paid.SelectMany(p => Enumerable.Repeat(p.Event, 3)).ToList();

        var statuses = await Task.WhenAll(deliveries.Select(async (body, i) =>
        {
            using var client = deployment.Instance(i % 2 + 1);
            using var request = StripeWebhooks.SignedRequest(body, deployment.WebhookSecret);
            using var response = await client.SendAsync(request);
            return (int)response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.InRange(s, 200, 299));
        await Outcomes.AssertEachPaidOnceAsync(deployment, [.. paid.Select(p => p.Order)], TimeSpan.FromMinutes(3));
    }

    /// <summary>Checked out and paid at the stand-in, which keeps the <c>checkout.session.completed</c> to itself: the test delivers it.</summary>
    public static async Task<List<(CheckedOut Order, string Event)>> PaidWithoutDeliveryAsync(Deployment deployment, List<TestUser> customers)
    {
        var paid = new List<(CheckedOut, string)>();
        foreach (var (customer, i) in customers.Select((c, i) => (c, i)))
        {
            using var client = deployment.Instance(i % 2 + 1);
            using var response = await Customers.CheckOutAsync(client, customer);
            var order = await Customers.CheckedOutFromAsync(response, customer);
            await deployment.Stripe.PayAsync(order.SessionId, deliver: false);
            var session = await deployment.Stripe.SessionAsync(order.SessionId, deployment.StripeSecretKey);
            paid.Add((order, StripeWebhooks.Event("checkout.session.completed", session)));
        }
        return paid;
    }
}
