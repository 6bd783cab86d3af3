using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PrimeTech.Testing;

/// <summary>Stripe's webhook events as Stripe makes and signs them (HMAC-SHA256 of <c>"{t}.{body}"</c> with the endpoint's secret).</summary>
public static class StripeWebhooks
{
    public const string Path = "/api/webhooks/stripe";

    public static string Event(string type, JsonObject dataObject) => new JsonObject
    {
        ["id"] = "evt_test_" + Guid.NewGuid().ToString("N"),
        ["object"] = "event",
        ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString();

    /// <summary>A signed POST of <paramref name="body"/> to the webhook endpoint.</summary>
    public static HttpRequestMessage SignedRequest(string body, string webhookSecret)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookSecret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={t},v1={signature}");
        return request;
    }
}
