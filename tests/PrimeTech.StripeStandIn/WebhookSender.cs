using System.Security.Cryptography;
using System.Text;

namespace PrimeTech.StripeStandIn;

/// <summary>Creates events and delivers them signed exactly as Stripe signs: <c>t={unix},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>.</summary>
public sealed class WebhookSender(StandInState state, IOptionsMonitor<StandInOptions> options, IHttpClientFactory http, ILogger<WebhookSender> logger)
{
    public StoredEvent Create(string type, JsonObject dataObject, string? sessionId)
    {
        var id = StandInState.NewId("evt");
        var payload = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
        };
        var stored = new StoredEvent(id, type, sessionId, payload.ToJsonString());
        state.Events[id] = stored;
        return stored;
    }

    /// <summary>Delivers in the background with Stripe-like retries on non-2xx.</summary>
    public void DeliverInBackground(params StoredEvent[] events) => _ = Task.Run(async () =>
    {
        // One after another, so events of one payment arrive in the order they happened.
        foreach (var stored in events) await DeliverAsync(stored);
    });

    private async Task DeliverAsync(StoredEvent stored)
    {
        if (await SendAsync(stored, "delivery") is >= 200 and < 300) return;
        foreach (var delay in options.CurrentValue.RetryDelays)
        {
            await Task.Delay(delay);
            if (await SendAsync(stored, "retry") is >= 200 and < 300) return;
        }
    }

    public async Task<int> SendAsync(StoredEvent stored, string kind, long? timestamp = null, bool badSignature = false)
    {
        var settings = options.CurrentValue;
        var t = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = Sign(settings.WebhookSecret, t, stored.Payload);
        if (badSignature) signature = Sign("whsec_wrong", t, stored.Payload);

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = new StringContent(stored.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={t},v1={signature}");
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");

        try
        {
            using var response = await http.CreateClient("webhooks").SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            stored.Attempts.Enqueue(new DeliveryAttempt(DateTimeOffset.UtcNow, (int)response.StatusCode, body, kind));
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Delivery of {EventId} to {Url} failed: {Message}", stored.Id, settings.WebhookUrl, e.Message);
            stored.Attempts.Enqueue(new DeliveryAttempt(DateTimeOffset.UtcNow, 0, e.Message, kind));
            return 0;
        }
    }

    public static string Sign(string secret, long timestamp, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}")));
}
