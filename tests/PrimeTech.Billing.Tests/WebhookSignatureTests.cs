using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PrimeTech.Billing.Tests;

/// <summary>
/// BE §9.2 before anything is processed: the body limit, the signature (missing, wrong, stale) and
/// the body's shape. Refused deliveries write nothing — the same event, correctly signed, then works.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class WebhookSignatureTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Fact]
    public async Task A_badly_signed_event_is_refused_with_400_and_nothing_is_written()
    {
        var purchase = await Payments.CheckoutAsync();
        var eventId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();

        Assert.Equal(400, await app.Stripe.SendBadSignatureAsync(eventId));

        var attempt = (await app.Stripe.EventsAsync(purchase.SessionId)).Single().Attempts.Single();
        Assert.Equal("WEBHOOK_SIGNATURE_INVALID", JsonNode.Parse(attempt.Body)!["code"]!.GetValue<string>());
        await AssertNothingWrittenAsync(purchase, eventId);

        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(eventId));
        await Payments.ReceiptEventuallyAsync(purchase.OrderNumber);
    }

    [Fact]
    public async Task An_event_signed_more_than_300_seconds_ago_is_refused_but_one_within_the_tolerance_is_accepted()
    {
        var purchase = await Payments.CheckoutAsync();
        var eventId = (await app.Stripe.PayAsync(purchase.SessionId, deliver: false)).Single();

        Assert.Equal(400, await app.Stripe.SendStaleAsync(eventId, ageSeconds: 301));
        await AssertNothingWrittenAsync(purchase, eventId);

        Assert.Equal(200, await app.Stripe.SendStaleAsync(eventId, ageSeconds: 240));
        await Payments.ReceiptEventuallyAsync(purchase.OrderNumber);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=notanumber,v1=abc")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task A_missing_or_malformed_signature_header_is_refused(string? header)
    {
        var body = UnknownEvent();
        using var response = await Payments.PostWebhookAsync(body, signature: header, sign: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("WEBHOOK_SIGNATURE_INVALID", await CodeAsync(response));
        Assert.Null(await Payments.EventAsync(IdOf(body)));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_is_refused()
    {
        var body = UnknownEvent();
        using var response = await Payments.PostWebhookAsync(body,
            Payments.Signature(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), secret: "whsec_someone_else"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await Payments.EventAsync(IdOf(body)));
    }

    [Fact]
    public async Task A_body_over_256_KB_is_refused_with_413_whether_or_not_its_length_is_announced()
    {
        var body = UnknownEvent(totalBytes: 262_145);
        using (var announced = await Payments.PostWebhookAsync(body))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announced.StatusCode);
            Assert.Equal("PAYLOAD_TOO_LARGE", await CodeAsync(announced));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, app.SiteUrl + "/api/webhooks/stripe")
        {
            // No Content-Length: the body is streamed (chunked), so only counting it can stop it.
            Content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Payments.Signature(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        using var chunked = await Payments.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Null(await Payments.EventAsync(IdOf(body)));
    }

    [Fact]
    public async Task A_body_of_exactly_256_KB_is_accepted()
    {
        var body = UnknownEvent(totalBytes: 262_144);
        Assert.Equal(262_144, Encoding.UTF8.GetByteCount(body));

        using var response = await Payments.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await Payments.EventAsync(IdOf(body)));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"object\":\"event\",\"type\":\"checkout.session.completed\"}")]
    public async Task A_correctly_signed_body_that_is_not_an_event_is_a_malformed_request(string body)
    {
        using var response = await Payments.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MALFORMED_REQUEST", await CodeAsync(response));
    }

    [Fact]
    public async Task An_unknown_event_type_is_answered_200_and_recorded()
    {
        var (eventId, status) = await app.Stripe.SendCustomAsync("customer.created",
            new JsonObject { ["id"] = "cus_test_" + Guid.NewGuid().ToString("N"), ["object"] = "customer" });

        Assert.Equal(200, status);
        var recorded = await Payments.EventAsync(eventId);
        Assert.Equal(Webhooks.WebhookOutcome.Unhandled, recorded!.Outcome);
        Assert.Equal("customer.created", recorded.Type);
        Assert.Contains(eventId, recorded.Payload);
        Assert.Equal(1, recorded.Attempts);
    }

    private async Task AssertNothingWrittenAsync(Purchase purchase, string eventId)
    {
        Assert.Null(await Payments.EventAsync(eventId));
        Assert.Null(await Payments.ReceiptAsync(purchase.OrderNumber));
        Assert.Equal(Invoices.InvoiceStatus.Issued, (await Payments.InvoiceAsync(purchase.InvoiceNumber)).Status);
        Assert.Equal(Billing.Payments.CheckoutSessionStatus.Open, (await Payments.SessionRecordAsync(purchase.SessionId))!.Status);
    }

    /// <summary>An event of a type the site ignores, padded to <paramref name="totalBytes"/> when asked.</summary>
    private static string UnknownEvent(int? totalBytes = null)
    {
        var id = "evt_test_" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Build(string padding) => new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = created,
            ["livemode"] = false,
            ["type"] = "customer.updated",
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject { ["id"] = "cus_test_1", ["object"] = "customer", ["description"] = padding },
            },
        }.ToJsonString();
        var body = Build("");
        return totalBytes is { } size ? Build(new string('x', size - Encoding.UTF8.GetByteCount(body))) : body;
    }

    private static string IdOf(string body) => JsonNode.Parse(body)!["id"]!.GetValue<string>();

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
