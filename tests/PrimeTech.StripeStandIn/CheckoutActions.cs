using System.Text.Json.Nodes;

namespace PrimeTech.StripeStandIn;

public sealed record ActionResult(JsonObject Session, IReadOnlyList<StoredEvent> Events, string? Error = null);

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

    /// <summary>Answers 'pending' at once, then reports the completed full refund through charge.refunded.</summary>
    public JsonObject? Refund(string paymentIntentId, JsonObject metadata)
    {
        if (!state.PaymentIntents.TryGetValue(paymentIntentId, out var intent)) return null;
        var chargeId = (string)intent["latest_charge"]!;
        var charge = state.Charges[chargeId];
        var refund = new JsonObject
        {
            ["id"] = StandInState.NewId("re"), ["object"] = "refund", ["amount"] = (long)intent["amount"]!,
            ["currency"] = "gbp", ["charge"] = chargeId, ["payment_intent"] = paymentIntentId,
            ["status"] = "pending", ["metadata"] = metadata, ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        state.Refunds[(string)refund["id"]!] = refund;

        StoredEvent created;
        lock (state.LockFor(chargeId))
        {
            charge["refunded"] = true;
            charge["amount_refunded"] = (long)charge["amount"]!;
            created = webhooks.Create("charge.refunded", charge, null);
        }
        webhooks.DeliverInBackground(created);
        return refund;
    }
}
