using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Testing;
using Stripe;
using Stripe.Checkout;
using Xunit;

namespace PrimeTech.StripeStandIn.Tests;

/// <summary>
/// The stand-in is only useful if Stripe.net talks to it as to Stripe and if its webhooks pass
/// Stripe.net's own signature check: both are checked here with the real library.
/// </summary>
public sealed class StandInTests : IAsyncLifetime, IDisposable
{
    private const string ApiKey = "sk_test_standin";
    private const string Secret = "whsec_standin_tests";
    private WebApplication _standIn = null!;
    private WebApplication _receiver = null!;
    private string _standInUrl = "";
    private readonly ConcurrentQueue<(string Body, string Signature)> _received = new();
    private HttpClient _control = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            _received.Enqueue((await reader.ReadToEndAsync(), http.Request.Headers["Stripe-Signature"].ToString()));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        var receiverUrl = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        (_standIn, _standInUrl) = await StandInServer.StartAsync(o =>
        {
            o.ApiKey = ApiKey;
            o.WebhookSecret = Secret;
            o.WebhookUrl = receiverUrl + "/hook";
        });
        _control = new HttpClient { BaseAddress = new Uri(_standInUrl) };
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await _standIn.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public void Dispose() => _control.Dispose();

    private StripeClient Client(string key = ApiKey) => new(new StripeClientOptions
    {
        ApiKey = key,
        ApiBase = _standInUrl,
        HttpClient = new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0),
    });

    private Task<Session> CreateSessionAsync(string? idempotencyKey = null, long amount = 5999) =>
        new SessionService(Client()).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = "ORD-20261126-AB12",
            CustomerEmail = "buyer@example.test",
            SuccessUrl = "http://127.0.0.1:5080/checkout/success?order=ORD-20261126-AB12",
            CancelUrl = "http://127.0.0.1:5080/checkout/cancelled?order=ORD-20261126-AB12",
            Metadata = new() { ["order_number"] = "ORD-20261126-AB12", ["invoice_number"] = "INV-2026-000001" },
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new() { ["invoice_number"] = "INV-2026-000001" } },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = "gbp",
                        UnitAmount = amount,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Prime Backup Pro" },
                    },
                },
            ],
        }, idempotencyKey is null ? null : new RequestOptions { IdempotencyKey = idempotencyKey });

    [Fact]
    public async Task Stripe_net_creates_and_retrieves_a_checkout_session()
    {
        var session = await CreateSessionAsync();

        Assert.StartsWith("cs_test_", session.Id);
        Assert.Equal(5999, session.AmountTotal);
        Assert.Equal("open", session.Status);
        Assert.Equal("INV-2026-000001", session.Metadata["invoice_number"]);
        Assert.StartsWith(_standInUrl + "/pay/", session.Url);

        var again = await new SessionService(Client()).GetAsync(session.Id);
        Assert.Equal(session.Id, again.Id);
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_as_stripe_refuses_it()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() =>
            new SessionService(Client("sk_test_wrong")).GetAsync("cs_test_x"));
        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
    }

    [Fact]
    public async Task The_same_idempotency_key_gives_the_same_session()
    {
        var first = await CreateSessionAsync("checkout-INV-2026-000001-1");
        var second = await CreateSessionAsync("checkout-INV-2026-000001-1");
        Assert.Equal(first.Id, second.Id);

        var misuse = await Assert.ThrowsAsync<StripeException>(() => CreateSessionAsync("checkout-INV-2026-000001-1", amount: 100));
        Assert.Equal("idempotency_error", misuse.StripeError.Type);
    }

    [Fact]
    public async Task Paying_sends_a_completed_event_that_stripe_net_accepts_as_signed()
    {
        var session = await CreateSessionAsync();

        var response = await _control.PostAsJsonAsync($"/_control/sessions/{session.Id}/pay", new { });
        response.EnsureSuccessStatusCode();

        var (body, signature) = await Eventually.GetAsync(
            () => Task.FromResult(_received.Where(r => r.Body.Contains(session.Id)).Select(r => Tuple.Create(r.Body, r.Signature)).FirstOrDefault()),
            "the webhook delivery");

        var stripeEvent = EventUtility.ConstructEvent(body, signature, Secret);
        Assert.Equal("checkout.session.completed", stripeEvent.Type);
        var paid = Assert.IsType<Session>(stripeEvent.Data.Object);
        Assert.Equal("paid", paid.PaymentStatus);
        Assert.Equal(5999, paid.AmountTotal);

        var intent = await new PaymentIntentService(Client()).GetAsync(paid.PaymentIntentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge"] });
        Assert.Equal("4242", intent.LatestCharge.PaymentMethodDetails.Card.Last4);
        Assert.Equal("INV-2026-000001", intent.Metadata["invoice_number"]);
    }

    [Fact]
    public async Task A_bad_signature_and_a_stale_one_fail_stripe_net_s_check()
    {
        var session = await CreateSessionAsync();
        var paid = await (await _control.PostAsJsonAsync($"/_control/sessions/{session.Id}/pay", new { deliver = false }))
            .Content.ReadFromJsonAsync<PayResult>();
        var eventId = paid!.EventIds.Single();

        (await _control.PostAsync($"/_control/events/{eventId}/send-bad-signature", null)).EnsureSuccessStatusCode();
        (await _control.PostAsJsonAsync($"/_control/events/{eventId}/send-stale", new { ageSeconds = 301 })).EnsureSuccessStatusCode();

        var deliveries = _received.Where(r => r.Body.Contains(eventId)).ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(d.Body, d.Signature, Secret)));
    }

    [Fact]
    public async Task A_card_refund_succeeds_at_once_and_is_reported_by_charge_refunded_then_a_second_is_refused()
    {
        var session = await CreateSessionAsync();
        await _control.PostAsJsonAsync($"/_control/sessions/{session.Id}/pay", new { deliver = false });
        var intentId = (await new SessionService(Client()).GetAsync(session.Id)).PaymentIntentId;

        var refund = await new RefundService(Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intentId });

        Assert.Equal("succeeded", refund.Status);   // as Stripe answers for card refunds
        var delivered = await Eventually.GetAsync(
            () => Task.FromResult(_received.Select(r => r.Body).FirstOrDefault(b => b.Contains("charge.refunded") && b.Contains(intentId))),
            "charge.refunded");
        var charge = Assert.IsType<Charge>(EventUtility.ParseEvent(delivered).Data.Object);
        Assert.True(charge.Refunded);
        Assert.Equal(charge.Amount, charge.AmountRefunded);
        Assert.Equal("INV-2026-000001", charge.Metadata["invoice_number"]);

        var again = await Assert.ThrowsAsync<StripeException>(() => new RefundService(Client()).CreateAsync(new RefundCreateOptions { PaymentIntent = intentId }));
        Assert.Equal("charge_already_refunded", again.StripeError.Code);
    }

    private sealed record PayResult(string[] EventIds);
}
