using Microsoft.Extensions.Logging;
using PrimeTech.Billing.Webhooks;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Billing.Flows;

/// <summary>The admin's "process again", used by the API and the page: a failure is recorded on the event again, not thrown.</summary>
public static class ReprocessStripeEventFlow
{
    public static async Task<WebhookEventDetail> RunAsync(IMessageBus bus, string eventId, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await bus.InvokeAsync<WebhookEventDetail>(new ReprocessStripeEvent(eventId), ct);
        }
        catch (Exception e) when (e is not DomainException { Error.Status: 404 or 409 } && !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Processing Stripe event {EventId} again failed", eventId);
            var failed = await bus.InvokeAsync<WebhookEventDetail>(new GetWebhookEvent(eventId), ct);
            await bus.InvokeAsync(new RecordStripeEventFailure(failed.EventId, failed.Payload, failed.ReceivedAt, StripeEventRecorder.Describe(e)), ct);
            return await bus.InvokeAsync<WebhookEventDetail>(new GetWebhookEvent(eventId), ct);
        }
    }
}
