using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;
using PrimeTech.Ordering.Orders;
using PrimeTech.Testing;
using Wolverine;

namespace PrimeTech.Benchmarks;

/// <summary>
/// Bursts at <c>POST /api/webhooks/stripe</c>, signed exactly as Stripe signs (HMAC-SHA256 of
/// "{t}.{body}" with the endpoint secret): distinct payment confirmations (each records the event,
/// issues a receipt from the gap-free series, marks the invoice paid and queues PDFs and emails,
/// in one transaction), one event delivered many times at once, and events of a type the site
/// only records.
/// </summary>
public static class WebhookScenarios
{
    public static async Task<LatencyReport> DistinctPaymentsAsync(BenchSite site, int payments, int concurrency)
    {
        const int warmup = 20;
        var events = await PaidSessionEventsAsync(site, payments + warmup);
        return await LoadRunner.RunAsync($"POST webhook: {payments} distinct payments", payments, concurrency,
            i => PostAsync(site, events[i < 0 ? payments - 1 - i : i]), warmup);
    }

    public static async Task<LatencyReport> DuplicatesAsync(BenchSite site, int deliveries, int concurrency)
    {
        var payment = (await PaidSessionEventsAsync(site, 1))[0];
        return await LoadRunner.RunAsync($"POST webhook: 1 payment event x {deliveries}", deliveries, concurrency,
            _ => PostAsync(site, payment), warmup: 0);
    }

    public static Task<LatencyReport> UnhandledAsync(BenchSite site, int events, int concurrency) =>
        LoadRunner.RunAsync($"POST webhook: {events} distinct unhandled types", events, concurrency, _ => PostAsync(site, Event(
            "customer.updated", new JsonObject { ["id"] = "cus_bench_" + Guid.NewGuid().ToString("N"), ["object"] = "customer" })));

    /// <summary>
    /// Real orders checked out through the app (order, invoice, Checkout Session at the stand-in),
    /// paid at the stand-in without delivery, and the <c>checkout.session.completed</c> Stripe
    /// would send for each.
    /// </summary>
    private static async Task<List<string>> PaidSessionEventsAsync(BenchSite site, int count)
    {
        var bus = site.Services.GetRequiredService<IMessageBus>();
        var siteOptions = site.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
        var sku = "BENCH-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await bus.InvokeAsync<AdminProduct>(new CreateProduct(sku, sku.ToLowerInvariant(), "Benchmark product", "For the benchmark.", "",
            4999, 20m, true, true));

        var events = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var customer = new Customer(id, $"bench-{id:N}@example.test", "Bench Customer", true);
            var cart = await bus.InvokeAsync<CartView>(new AddToCart(customer.Id, sku, 1));
            var outcome = await CheckoutFlow.RunAsync(bus, customer, cart.Revision, siteOptions, CancellationToken.None);
            var sessionId = outcome.Result.CheckoutUrl[(outcome.Result.CheckoutUrl.LastIndexOf('/') + 1)..];
            await site.Fixture.Stripe.PayAsync(sessionId, deliver: false);
            var session = await site.Fixture.Stripe.SessionAsync(sessionId, AppFixture.StripeApiKey);
            events.Add(Event("checkout.session.completed", session));
        }
        return events;
    }

    private static string Event(string type, JsonObject dataObject) => StripeWebhooks.Event(type, dataObject);

    private static async Task<bool> PostAsync(BenchSite site, string body)
    {
        using var request = StripeWebhooks.SignedRequest(body, site.Fixture.StripeWebhookSecret);
        using var response = await site.Http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }
}
