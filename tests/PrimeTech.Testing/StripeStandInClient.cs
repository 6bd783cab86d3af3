using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrimeTech.Testing;

/// <summary>
/// The Stripe stand-in's control API (BE §10), as tests use it: pay, decline or expire a session
/// without a browser, list the events it made with their delivery attempts, and (re)send events in
/// every way Stripe might — again, many times at once, stale, badly signed, or made up.
/// </summary>
public sealed class StripeStandInClient(HttpClient http)
{
    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Pays the session: returns the ids of the events made (completed; with <paramref name="asyncPayment"/> also async_payment_succeeded).</summary>
    public async Task<IReadOnlyList<string>> PayAsync(string sessionId, bool asyncPayment = false, bool deliver = true)
    {
        using var response = await http.PostAsJsonAsync($"_control/sessions/{sessionId}/pay", new { async = asyncPayment, deliver });
        return await EventIdsAsync(response);
    }

    public async Task<IReadOnlyList<string>> DeclineAsync(string sessionId)
    {
        using var response = await http.PostAsync($"_control/sessions/{sessionId}/decline", null);
        return await EventIdsAsync(response);
    }

    public async Task<IReadOnlyList<string>> ExpireAsync(string sessionId)
    {
        using var response = await http.PostAsync($"_control/sessions/{sessionId}/expire", null);
        return await EventIdsAsync(response);
    }

    public async Task<IReadOnlyList<StandInEvent>> EventsAsync(string? sessionId = null, string? type = null)
    {
        var query = new List<string>();
        if (sessionId is not null) query.Add("sessionId=" + Uri.EscapeDataString(sessionId));
        if (type is not null) query.Add("type=" + Uri.EscapeDataString(type));
        return await http.GetFromJsonAsync<List<StandInEvent>>("_control/events?" + string.Join('&', query), Json) ?? [];
    }

    /// <summary>Sends an event again, <paramref name="times"/> times, one after another or all at once; returns the app's statuses.</summary>
    public async Task<int[]> SendAsync(string eventId, int times = 1, bool concurrent = false)
    {
        using var response = await http.PostAsJsonAsync($"_control/events/{eventId}/send", new { times, concurrent });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StatusesResult>(Json))!.Statuses;
    }

    public async Task<int> SendStaleAsync(string eventId, int ageSeconds = 301)
    {
        using var response = await http.PostAsJsonAsync($"_control/events/{eventId}/send-stale", new { ageSeconds });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StatusResult>(Json))!.Status;
    }

    public async Task<int> SendBadSignatureAsync(string eventId)
    {
        using var response = await http.PostAsync($"_control/events/{eventId}/send-bad-signature", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StatusResult>(Json))!.Status;
    }

    /// <summary>Signs and sends any event (unknown types, tampered objects); returns its id and the app's status.</summary>
    public async Task<(string EventId, int Status)> SendCustomAsync(string type, JsonObject dataObject)
    {
        using var response = await http.PostAsJsonAsync("_control/events/send-custom", new { type, dataObject });
        response.EnsureSuccessStatusCode();
        var result = (await response.Content.ReadFromJsonAsync<CustomResult>(Json))!;
        return (result.EventId, result.Status);
    }

    /// <summary>
    /// A refund made in Stripe's dashboard (all that is left when no amount is given); returns the
    /// refund's id and its charge.refunded event (delivered unless <paramref name="deliver"/> is false).
    /// </summary>
    public async Task<(string RefundId, string EventId)> DashboardRefundAsync(string paymentIntentId, long? amount = null, bool deliver = true)
    {
        using var response = await http.PostAsJsonAsync($"_control/payment_intents/{paymentIntentId}/refund", new { amount, deliver });
        response.EnsureSuccessStatusCode();
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!;
        return ((string)result["refund"]!["id"]!, (string)result["eventId"]!);
    }

    /// <summary>The session as Stripe would return it (GET /v1/checkout/sessions/{id} needs the API key; the control API does not).</summary>
    public async Task<JsonObject> SessionAsync(string sessionId, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/checkout/sessions/{sessionId}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<IReadOnlyList<string>> EventIdsAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The stand-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["eventIds"]!.AsArray().Select(e => (string)e!).ToList();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record StatusesResult(int[] Statuses);
    private sealed record StatusResult(int Status);
    private sealed record CustomResult(string EventId, int Status);
}

public sealed record StandInEvent(string Id, string Type, string? SessionId, IReadOnlyList<StandInDelivery> Attempts);

public sealed record StandInDelivery(DateTimeOffset At, int Status, string Body, string Kind);
