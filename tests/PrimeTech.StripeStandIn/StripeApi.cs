namespace PrimeTech.StripeStandIn;

/// <summary>
/// The part of Stripe's API the platform calls, with Stripe's form encoding, object shapes,
/// error shape, bearer-key authentication and idempotency keys.
/// </summary>
public static class StripeApi
{
    public static void MapStripeApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter(Authenticate);

        v1.MapPost("/checkout/sessions", (HttpContext http, StandInState state) =>
            Idempotent(http, state, form => CreateSession(http, state, form)));

        v1.MapGet("/checkout/sessions/{id}", (string id, StandInState state) =>
            state.Sessions.TryGetValue(id, out var session) ? Json(session) : NotFound("checkout.session", id));

        v1.MapPost("/checkout/sessions/{id}/expire", (HttpContext http, string id, StandInState state, CheckoutActions actions) =>
            Idempotent(http, state, _ =>
            {
                var result = actions.Expire(id);
                if (result is null) return NotFound("checkout.session", id);
                return result.Error is null ? Json(result.Session) : Error(400, "invalid_request_error", "checkout_session_not_open", result.Error);
            }));

        v1.MapGet("/payment_intents/{id}", (HttpContext http, string id, StandInState state) =>
        {
            if (!state.PaymentIntents.TryGetValue(id, out var intent)) return NotFound("payment_intent", id);
            var body = intent.DeepClone().AsObject();
            // Stripe.net sends expand[0]=latest_charge; curl users write expand[]=latest_charge.
            if (http.Request.Query.Any(q => q.Key.StartsWith("expand[", StringComparison.Ordinal) && q.Value.Contains("latest_charge")))
                body["latest_charge"] = state.Charges[(string)intent["latest_charge"]!].DeepClone();
            return Json(body);
        });

        v1.MapPost("/refunds", (HttpContext http, StandInState state, CheckoutActions actions) =>
            Idempotent(http, state, form =>
            {
                var intentId = form["payment_intent"].ToString();
                long? amount = null;
                if (form.ContainsKey("amount"))
                {
                    if (!long.TryParse(form["amount"], out var parsed) || parsed < 1)
                        return Error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid positive integer: amount.");
                    amount = parsed;
                }
                var result = actions.Refund(intentId, amount, Metadata(form, "metadata"));
                if (result is null) return NotFound("payment_intent", intentId);
                return result.Error is { } error ? Error(400, "invalid_request_error", result.ErrorCode!, error) : Json(result.Refund!);
            }));

        // Stripe lists a charge's refunds newest first; one page is enough for the platform's charges.
        v1.MapGet("/refunds", (string? charge, StandInState state) =>
        {
            if (charge is null || !state.Charges.ContainsKey(charge))
                return NotFound("charge", charge ?? "");
            var data = new JsonArray([.. state.Refunds.Values
                .Where(r => (string?)r["charge"] == charge)
                .OrderByDescending(r => CheckoutActions.Integer(r["created"])).ThenByDescending(r => CheckoutActions.Integer(r["sequence"]))
                .Select(r => (JsonNode)Public(r))]);
            return Json(new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/refunds" });
        });
    }

    private static IResult CreateSession(HttpContext http, StandInState state, IFormCollection form)
    {
        var lines = new List<SessionLine>();
        for (var i = 0; form.ContainsKey($"line_items[{i}][quantity]"); i++)
        {
            var prefix = $"line_items[{i}][price_data]";
            if (!long.TryParse(form[$"{prefix}[unit_amount]"], out var unitAmount) || unitAmount < 0 ||
                !long.TryParse(form[$"line_items[{i}][quantity]"], out var quantity) || quantity < 1)
                return Error(400, "invalid_request_error", "parameter_invalid_integer", $"Invalid line_items[{i}].");
            lines.Add(new SessionLine(form[$"{prefix}[product_data][name]"].ToString(),
                form[$"{prefix}[product_data][description]"].ToString(), unitAmount, quantity));
        }
        if (lines.Count == 0) return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: line_items.");
        if (form["mode"] != "payment") return Error(400, "invalid_request_error", "parameter_invalid", "Only mode=payment is supported here.");
        if (string.IsNullOrEmpty(form["success_url"])) return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: success_url.");

        var id = StandInState.NewId("cs");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var currency = NullIfEmpty(form["line_items[0][price_data][currency]"]) ?? "gbp";
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["amount_subtotal"] = lines.Sum(l => l.UnitAmount * l.Quantity),
            ["amount_total"] = lines.Sum(l => l.UnitAmount * l.Quantity),
            ["currency"] = currency,
            ["client_reference_id"] = NullIfEmpty(form["client_reference_id"]),
            ["customer_email"] = NullIfEmpty(form["customer_email"]),
            ["created"] = created,
            ["expires_at"] = created + 24 * 3600,
            ["livemode"] = false,
            ["locale"] = NullIfEmpty(form["locale"]),
            ["metadata"] = Metadata(form, "metadata"),
            ["mode"] = "payment",
            ["payment_intent"] = null,
            ["payment_status"] = "unpaid",
            ["status"] = "open",
            ["success_url"] = form["success_url"].ToString(),
            ["cancel_url"] = NullIfEmpty(form["cancel_url"]),
            ["url"] = $"{http.Request.Scheme}://{http.Request.Host}/pay/{id}",
        };
        state.SessionDetails[id] = new SessionDetails(lines, Metadata(form, "payment_intent_data[metadata]"));
        state.Sessions[id] = session;
        return Json(session);
    }

    /// <summary>Same key and same parameters → the same answer; same key, other parameters → Stripe's idempotency error.</summary>
    private static async Task<IResult> Idempotent(HttpContext http, StandInState state, Func<IFormCollection, IResult> action)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : FormCollection.Empty;
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0) return action(form);

        var fingerprint = http.Request.Path + "?" + string.Join('&', form.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value}"));
        if (state.Idempotency.TryGetValue(key, out var seen))
        {
            if (seen.Fingerprint != fingerprint)
                return Error(400, "idempotency_error", "idempotency_key_in_use",
                    "Keys for idempotent requests can only be used with the same parameters they were first used with.");
            http.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Content(seen.Body, "application/json", statusCode: seen.Status);
        }

        var (status, body) = await Render(http, action(form));
        state.Idempotency.TryAdd(key, (fingerprint, status, body));
        return Results.Content(body, "application/json", statusCode: status);
    }

    private static async Task<(int Status, string Body)> Render(HttpContext http, IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = http.RequestServices };
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static async ValueTask<object?> Authenticate(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var expected = http.RequestServices.GetRequiredService<IOptionsMonitor<StandInOptions>>().CurrentValue.ApiKey;
        if (http.Request.Headers.Authorization.ToString() != $"Bearer {expected}")
            return Error(401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided.");
        return await next(context);
    }

    private static JsonObject Metadata(IFormCollection form, string prefix)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in form)
            if (key.StartsWith(prefix + "[", StringComparison.Ordinal) && key.EndsWith(']') && key.IndexOf('[', prefix.Length + 1) < 0)
                metadata[key[(prefix.Length + 1)..^1]] = value.ToString();
        return metadata;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || value.ToString().Length == 0 ? null : value.ToString();

    /// <summary>A refund as Stripe shows it (without the stand-in's own ordering field).</summary>
    public static JsonObject Public(JsonObject refund)
    {
        var copy = refund.DeepClone().AsObject();
        copy.Remove("sequence");
        return copy;
    }

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");

    private static IResult NotFound(string kind, string id) =>
        Error(404, "invalid_request_error", "resource_missing", $"No such {kind}: '{id}'");

    public static IResult Error(int status, string type, string code, string message) =>
        Results.Content(new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message } }.ToJsonString(),
            "application/json", statusCode: status);
}
