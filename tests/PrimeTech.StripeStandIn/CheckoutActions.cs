namespace PrimeTech.StripeStandIn;

public sealed record ActionResult(JsonObject Session, IReadOnlyList<StoredEvent> Events, string? Error = null);

public sealed record RefundResult(JsonObject? Refund, StoredEvent? Event, string? ErrorCode, string? Error);

/// <summary>What a customer (hosted page) or a test (control API) can do to a Checkout Session, and refunds.</summary>
public sealed class CheckoutActions(StandInState state, WebhookSender webhooks)
{
    public ActionResult? Pay(string sessionId, bool asyncPayment, bool deliver)
    {
        if (!state.Sessions.TryGetValue(sessionId, out var session)) return null;
        var events = new List<StoredEvent>();
        lock (state.LockFor(sessionId))
        {
            if ((string?)session["status"] != "open")
                return new ActionResult(session, events, $"The session is {(string?)session["status"]}.");

            var amount = (long)session["amount_total"]!;
            var metadata = session["metadata"]!.DeepClone().AsObject();
            var intentId = StandInState.NewId("pi");
            var chargeId = StandInState.NewId("ch");
            var charge = new JsonObject
            {
                ["id"] = chargeId, ["object"] = "charge", ["amount"] = amount, ["amount_refunded"] = 0,
                ["currency"] = "gbp", ["paid"] = true, ["refunded"] = false, ["status"] = "succeeded",
                ["payment_intent"] = intentId, ["metadata"] = metadata.DeepClone(),
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["payment_method_details"] = new JsonObject
                {
                    ["type"] = "card",
                    ["card"] = new JsonObject { ["brand"] = "visa", ["last4"] = "4242", ["exp_month"] = 12, ["exp_year"] = 2030 },
                },
            };
            state.Charges[chargeId] = charge;
            state.PaymentIntents[intentId] = new JsonObject
            {
                ["id"] = intentId, ["object"] = "payment_intent", ["amount"] = amount, ["amount_received"] = amount,
                ["currency"] = "gbp", ["status"] = "succeeded", ["latest_charge"] = chargeId,
                ["metadata"] = state.SessionDetails[sessionId].IntentMetadata.DeepClone(),
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            };
            state.Charges[chargeId]["metadata"] = state.PaymentIntents[intentId]["metadata"]!.DeepClone();

            session["status"] = "complete";
            session["payment_intent"] = intentId;
            if (asyncPayment)
            {
                session["payment_status"] = "unpaid";
                events.Add(webhooks.Create("checkout.session.completed", session, sessionId));
                session["payment_status"] = "paid";
                events.Add(webhooks.Create("checkout.session.async_payment_succeeded", session, sessionId));
            }
            else
            {
                session["payment_status"] = "paid";
                events.Add(webhooks.Create("checkout.session.completed", session, sessionId));
            }
        }
        if (deliver) webhooks.DeliverInBackground([.. events]);
        return new ActionResult(session, events);
    }

    public ActionResult? Decline(string sessionId, bool deliver = true)
    {
        if (!state.Sessions.TryGetValue(sessionId, out var session)) return null;
        StoredEvent created;
        lock (state.LockFor(sessionId))
        {
            if ((string?)session["status"] != "open")
                return new ActionResult(session, [], $"The session is {(string?)session["status"]}.");
            // A declined card leaves the session open for another try, as Stripe does; the app
            // hears of the failure through the async failure event.
            created = webhooks.Create("checkout.session.async_payment_failed", session, sessionId);
        }
        if (deliver) webhooks.DeliverInBackground(created);
        return new ActionResult(session, [created]);
    }

    public ActionResult? Expire(string sessionId, bool deliver = true)
    {
        if (!state.Sessions.TryGetValue(sessionId, out var session)) return null;
        StoredEvent created;
        lock (state.LockFor(sessionId))
        {
            if ((string?)session["status"] != "open")
                return new ActionResult(session, [], $"The session is {(string?)session["status"]}.");
            session["status"] = "expired";
            created = webhooks.Create("checkout.session.expired", session, sessionId);
        }
        if (deliver) webhooks.DeliverInBackground(created);
        return new ActionResult(session, [created]);
    }

    /// <summary>
    /// A refund of <paramref name="amount"/> (all that is left when null), refused as Stripe refuses
    /// it when the charge has less left. It answers 'succeeded' at once, as Stripe does for cards,
    /// and reports it through charge.refunded: the charge with <c>amount_refunded</c> (everything
    /// refunded so far) and <c>refunded</c> true only once nothing is left. As in current API
    /// versions, the event's charge does not carry its refunds: they are listed with GET /v1/refunds?charge=.
    /// </summary>
    public RefundResult? Refund(string paymentIntentId, long? amount, JsonObject metadata, bool deliver = true)
    {
        if (!state.PaymentIntents.TryGetValue(paymentIntentId, out var intent)) return null;
        var chargeId = (string)intent["latest_charge"]!;
        var charge = state.Charges[chargeId];
        JsonObject refund;
        StoredEvent created;
        lock (state.LockFor(chargeId))
        {
            var left = Integer(charge["amount"]) - Integer(charge["amount_refunded"]);
            if (left == 0)
                return new RefundResult(null, null, "charge_already_refunded", $"Charge {chargeId} has already been refunded.");
            var refunding = amount ?? left;
            if (refunding > left)
                return new RefundResult(null, null, "amount_too_large",
                    $"Refund amount ({refunding / 100m:0.00} GBP) is greater than unrefunded amount on charge ({left / 100m:0.00} GBP)");

            refund = new JsonObject
            {
                ["id"] = StandInState.NewId("re"), ["object"] = "refund", ["amount"] = refunding,
                ["currency"] = "gbp", ["charge"] = chargeId, ["payment_intent"] = paymentIntentId,
                ["status"] = "succeeded", ["metadata"] = metadata, ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["sequence"] = Interlocked.Increment(ref _sequence),
            };
            state.Refunds[(string)refund["id"]!] = refund;
            charge["amount_refunded"] = Integer(charge["amount_refunded"]) + refunding;
            charge["refunded"] = Integer(charge["amount_refunded"]) == Integer(charge["amount"]);
            created = webhooks.Create("charge.refunded", charge, null);
        }
        if (deliver) webhooks.DeliverInBackground(created);
        return new RefundResult(StripeApi.Public(refund), created, null, null);
    }

    private long _sequence;

    /// <summary>An integer of a Stripe object, however it was stored (int or long).</summary>
    internal static long Integer(System.Text.Json.Nodes.JsonNode? node) => long.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
