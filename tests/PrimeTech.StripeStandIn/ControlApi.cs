namespace PrimeTech.StripeStandIn;

/// <summary>Test controls: pay or fail sessions without a browser, and (re)send events in every way Stripe might.</summary>
public static class ControlApi
{
    public sealed record PayRequest(bool Async = false, bool Deliver = true);
    public sealed record SendRequest(int Times = 1, bool Concurrent = false);
    public sealed record StaleRequest(int AgeSeconds = 301);
    public sealed record CustomEventRequest(string Type, JsonObject DataObject);
    public sealed record ConfigureRequest(string? WebhookUrl, string? WebhookSecret);
    public sealed record DashboardRefundRequest(long? Amount = null, bool Deliver = true);

    public static void MapControlApi(this WebApplication app)
    {
        var control = app.MapGroup("/_control");

        control.MapPost("/sessions/{id}/pay", (string id, PayRequest? request, CheckoutActions actions) =>
            Outcome(actions.Pay(id, request?.Async ?? false, request?.Deliver ?? true)));
        control.MapPost("/sessions/{id}/decline", (string id, CheckoutActions actions) => Outcome(actions.Decline(id)));
        control.MapPost("/sessions/{id}/expire", (string id, CheckoutActions actions) => Outcome(actions.Expire(id)));

        // A refund made in Stripe's dashboard: no metadata of the platform's; deliver=false keeps its event for the test to send.
        control.MapPost("/payment_intents/{id}/refund", (string id, DashboardRefundRequest? request, CheckoutActions actions) =>
            actions.Refund(id, request?.Amount, new JsonObject(), request?.Deliver ?? true) switch
            {
                null => Results.NotFound(),
                { Error: { } error } => Results.Conflict(new { error }),
                { } done => Results.Ok(new { refund = done.Refund, eventId = done.Event!.Id }),
            });

        control.MapGet("/events", (string? sessionId, string? type, StandInState state) => Results.Ok(
            state.Events.Values
                .Where(e => (sessionId is null || e.SessionId == sessionId) && (type is null || e.Type == type))
                .Select(e => new { e.Id, e.Type, e.SessionId, attempts = e.Attempts.ToArray() })));

        control.MapPost("/events/{id}/send", async (string id, SendRequest? request, StandInState state, WebhookSender webhooks) =>
        {
            if (!state.Events.TryGetValue(id, out var stored)) return Results.NotFound();
            var times = Math.Clamp(request?.Times ?? 1, 1, 200);
            int[] statuses;
            if (request?.Concurrent == true)
                statuses = await Task.WhenAll(Enumerable.Range(0, times).Select(_ => webhooks.SendAsync(stored, "control")));
            else
            {
                statuses = new int[times];
                for (var i = 0; i < times; i++) statuses[i] = await webhooks.SendAsync(stored, "control");
            }
            return Results.Ok(new { statuses });
        });

        control.MapPost("/events/{id}/send-stale", async (string id, StaleRequest? request, StandInState state, WebhookSender webhooks) =>
        {
            if (!state.Events.TryGetValue(id, out var stored)) return Results.NotFound();
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (request?.AgeSeconds ?? 301);
            return Results.Ok(new { status = await webhooks.SendAsync(stored, "stale", timestamp) });
        });

        control.MapPost("/events/{id}/send-bad-signature", async (string id, StandInState state, WebhookSender webhooks) =>
            state.Events.TryGetValue(id, out var stored)
                ? Results.Ok(new { status = await webhooks.SendAsync(stored, "bad-signature", badSignature: true) })
                : Results.NotFound());

        control.MapPost("/events/send-custom", async (CustomEventRequest request, WebhookSender webhooks) =>
        {
            var stored = webhooks.Create(request.Type, request.DataObject, (string?)request.DataObject["id"]);
            return Results.Ok(new { eventId = stored.Id, status = await webhooks.SendAsync(stored, "custom") });
        });

        control.MapPost("/configure", (ConfigureRequest request, Microsoft.Extensions.Options.IOptionsMonitor<StandInOptions> options) =>
        {
            if (request.WebhookUrl is not null) options.CurrentValue.WebhookUrl = request.WebhookUrl;
            if (request.WebhookSecret is not null) options.CurrentValue.WebhookSecret = request.WebhookSecret;
            return Results.NoContent();
        });

        control.MapPost("/reset", (StandInState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
    }

    private static IResult Outcome(ActionResult? result) => result switch
    {
        null => Results.NotFound(),
        { Error: { } error } => Results.Conflict(new { error }),
        _ => Results.Ok(new { session = result.Session, eventIds = result.Events.Select(e => e.Id) }),
    };
}
