using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PrimeTech.Billing.StripeApi;
using PrimeTech.Billing.Webhooks;
using PrimeTech.BuildingBlocks.Errors;
using Stripe;
using System.Text;

namespace PrimeTech.Billing.Flows;

/// <summary>
/// <c>POST /api/webhooks/stripe</c> (BE §9.2). In order: a body over 256 KB is refused (413) before
/// more is read; the <c>Stripe-Signature</c> is checked over the raw body with the endpoint secret
/// and a 300-second tolerance (400, nothing written); the body must be an event (400). Then the
/// event is recorded and processed in one Billing transaction, run again whole if it lost a race
/// (<see cref="PrimeTech.BuildingBlocks.Persistence.WriteConflicts"/>).
/// A failure that survives is recorded as Failed in a transaction of its own and answered 500, so
/// Stripe redelivers and the redelivery processes it again.
/// </summary>
public static class StripeWebhookFlow
{
    public const int MaxBodyBytes = 262_144;
    public const long SignatureToleranceSeconds = 300;

    public static async Task<IResult> ReceiveAsync(
        HttpContext http, IMessageBus bus, StripeOptions stripe, TimeProvider clock, ILogger logger)
    {
        var ct = http.RequestAborted;
        if (http.Request.ContentLength > MaxBodyBytes)
            throw TooLarge();
        var payload = await ReadBodyAsync(http.Request.Body, ct);

        try
        {
            EventUtility.ValidateSignature(payload, http.Request.Headers["Stripe-Signature"].ToString(), stripe.WebhookSecret,
                SignatureToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (Exception e) when (e is StripeException or ArgumentException or FormatException)
        {
            throw new DomainException(BillingErrors.WebhookSignatureInvalid,
                "The Stripe-Signature header is missing, malformed, wrong or too old.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Malformed();
        }
        if (string.IsNullOrEmpty(stripeEvent?.Id) || string.IsNullOrEmpty(stripeEvent.Type))
            throw Malformed();

        var receivedAt = clock.GetUtcNow();
        try
        {
            await bus.InvokeAsync<StripeEventProcessed>(new ProcessStripeEvent(payload, receivedAt), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Processing Stripe event {EventId} ({Type}) failed; recorded as Failed", stripeEvent.Id, stripeEvent.Type);
            await bus.InvokeAsync(new RecordStripeEventFailure(stripeEvent.Id, payload, receivedAt, StripeEventRecorder.Describe(e)), ct);
            throw new DomainException(ErrorCode.InternalError, "The event could not be processed. It has been recorded and will be processed when Stripe sends it again.");
        }
        return Results.Ok(new { received = true });
    }

    /// <summary>The raw body, refused as soon as it passes the limit (whatever Content-Length said).</summary>
    private static async Task<string> ReadBodyAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static DomainException TooLarge() =>
        new(ErrorCode.PayloadTooLarge, $"A webhook body can be at most {MaxBodyBytes / 1024} KB.");

    private static DomainException Malformed() =>
        new(ErrorCode.MalformedRequest, "The body is not a Stripe event.");
}
