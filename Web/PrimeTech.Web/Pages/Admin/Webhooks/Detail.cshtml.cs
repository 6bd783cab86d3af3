using PrimeTech.Billing.Flows;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PrimeTech.Billing.Webhooks;

namespace PrimeTech.Web.Pages.Admin.Webhooks;

/// <summary>One Stripe event with its payload; a Failed one can be processed again.</summary>
public sealed class DetailModel(IMessageBus bus, ILogger<DetailModel> logger) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public WebhookEventDetail Event { get; private set; } = null!;

    /// <summary>The payload, pretty-printed (as received if it is somehow not JSON).</summary>
    public string Payload { get; private set; } = "";

    /// <remarks>An id of only spaces binds as null: no such event.</remarks>
    public async Task<IActionResult> OnGetAsync(string? eventId)
    {
        if (string.IsNullOrWhiteSpace(eventId)) return NotFound();
        Event = await bus.InvokeAsync<WebhookEventDetail>(new GetWebhookEvent(eventId), HttpContext.RequestAborted);
        Payload = Pretty(Event.Payload);
        return Page();
    }

    public async Task<IActionResult> OnPostReprocessAsync(string? eventId)
    {
        if (string.IsNullOrWhiteSpace(eventId)) return NotFound();
        try
        {
            var processed = await ReprocessStripeEventFlow.RunAsync(bus, eventId, logger, HttpContext.RequestAborted);
            TempData["Flash"] = $"Event processed again: {Display.Outcome(processed.Outcome)}.";
            return new SeeOtherResult($"/admin/webhooks/{processed.EventId}");
        }
        catch (DomainException e) when (e.Error != ErrorCode.NotFound)
        {
            // Told on the event's own page, which shows what the event is now.
            TempData["FlashError"] = e.Detail;
            return new SeeOtherResult($"/admin/webhooks/{eventId.Trim()}");
        }
    }

    private static string Pretty(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
