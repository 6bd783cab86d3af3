using PrimeTech.Billing.Flows;
using PrimeTech.BuildingBlocks.Persistence;
using Carter;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using PrimeTech.Billing.Payments;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using Stripe;
using Wolverine.Marten;

namespace PrimeTech.Billing.Webhooks;

public sealed record WebhookEventSummary(
    string EventId, string Type, DateTimeOffset ReceivedAt, DateTimeOffset StripeCreatedAt, string Outcome, string? OrderNumber,
    string? InvoiceNumber, string? Error, int Attempts, DateTimeOffset LastProcessedAt)
{
    public static WebhookEventSummary From(StripeWebhookEvent e) =>
        new(e.Id, e.Type, e.ReceivedAt, e.StripeCreatedAt, e.Outcome.ToString(), e.OrderNumber, e.InvoiceNumber, e.Error, e.Attempts,
            e.LastProcessedAt);
}

public sealed record WebhookEventDetail(
    string EventId, string Type, DateTimeOffset ReceivedAt, DateTimeOffset StripeCreatedAt, string Outcome, string? OrderNumber,
    string? InvoiceNumber, string? Error, int Attempts, DateTimeOffset LastProcessedAt, string Payload)
{
    public static WebhookEventDetail From(StripeWebhookEvent e) =>
        new(e.Id, e.Type, e.ReceivedAt, e.StripeCreatedAt, e.Outcome.ToString(), e.OrderNumber, e.InvoiceNumber, e.Error, e.Attempts,
            e.LastProcessedAt, e.Payload);
}

/// <summary>Admin: every Stripe event received, newest first, filtered by type, outcome and event id or order number, paged.</summary>
public sealed record ListWebhookEvents(string? Type, string? Outcome, string? Q, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
{
    public sealed class Validator : AbstractValidator<ListWebhookEvents>
    {
        public Validator()
        {
            RuleFor(x => x.Q).SearchText();
            RuleFor(x => x.Type).SearchText();
            RuleFor(x => x.Outcome)
                .Must(o => string.IsNullOrWhiteSpace(o) || Enum.TryParse<WebhookOutcome>(o.Trim(), ignoreCase: true, out _))
                .WithMessage("Choose an outcome from the list");
            this.PageRules(x => x.Page, x => x.PageSize);
        }
    }
}

public static class ListWebhookEventsHandler
{
    public static async Task<Paged<WebhookEventSummary>> Handle(ListWebhookEvents query, IDocumentSession session, CancellationToken ct)
    {
        var events = session.Query<StripeWebhookEvent>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            var type = query.Type.Trim();
            events = events.Where(e => e.Type == type);
        }
        if (!string.IsNullOrWhiteSpace(query.Outcome))
        {
            var outcome = Enum.Parse<WebhookOutcome>(query.Outcome.Trim(), ignoreCase: true);
            events = events.Where(e => e.Outcome == outcome);
        }
        var q = query.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
            events = events.Where(e => e.Id.Contains(q, StringComparison.OrdinalIgnoreCase)
                                       || e.OrderNumber!.Contains(q, StringComparison.OrdinalIgnoreCase));

        var total = await events.CountAsync(ct);
        var page = await events.OrderByDescending(e => e.ReceivedAt)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new Paged<WebhookEventSummary>(page.Select(WebhookEventSummary.From).ToList(), query.Page, query.PageSize, total);
    }
}

/// <summary>Admin: one event with its payload.</summary>
public sealed record GetWebhookEvent(string EventId);

public static class GetWebhookEventHandler
{
    public static async Task<WebhookEventDetail> Handle(GetWebhookEvent query, IDocumentSession session, CancellationToken ct) =>
        await session.LoadAsync<StripeWebhookEvent>(query.EventId.Trim(), ct) is { } e
            ? WebhookEventDetail.From(e)
            : throw DomainException.NotFound("The event");
}

/// <summary>Admin: process a Failed event again from its stored payload (WEBHOOK_NOT_FAILED for any other).</summary>
public sealed record ReprocessStripeEvent(string EventId);

public static class ReprocessStripeEventHandler
{
    public static async Task<StripeEventLoad> LoadAsync(
        ReprocessStripeEvent command, IDocumentSession session, StripeGateway stripe, TimeProvider clock, CancellationToken ct)
    {
        var id = command.EventId.Trim();
        var payloads = await session.Query<StripeWebhookEvent>().Where(e => e.Id == id).Select(e => e.Payload).ToListAsync(ct);
        if (payloads.Count == 0)
            throw DomainException.NotFound("The event");
        var stripeEvent = EventUtility.ParseEvent(payloads[0], throwOnApiVersionMismatch: false);
        // Before the transaction begins: this may ask Stripe, and nothing is locked while it does.
        var orderId = await PaymentEventLoader.OrderOfAsync(session, stripe, stripeEvent, ct);
        var stripeRefunds = orderId is null ? null : await PaymentEventLoader.RefundsOfAsync(stripe, stripeEvent, ct);

        await TransactionLock.AcquireAsync(session, StripeEventRecorder.LockScope, id, ct);
        var recorded = await session.LoadAsync<StripeWebhookEvent>(id, ct) ?? throw DomainException.NotFound("The event");
        if (recorded.Outcome != WebhookOutcome.Failed)
            throw new DomainException(BillingErrors.WebhookNotFailed,
                $"Event {recorded.Id} was {recorded.Outcome}; only failed events can be processed again.");
        return await StripeEventRecorder.LoadAsync(session, stripeEvent, recorded, isNew: false, orderId, stripeRefunds, clock, ct);
    }

    public static (WebhookEventDetail, IEnumerable<IMartenOp>, OutgoingMessages) Handle(ReprocessStripeEvent _, StripeEventLoad loaded)
    {
        var (effects, messages) = StripeEventRecorder.Decide(loaded.ToDecide!);
        return (WebhookEventDetail.From(loaded.ToDecide!.Recorded), effects, messages);
    }
}

public sealed class AdminWebhookEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/webhooks").RequireAuthorization(Policies.Admin).WithTags("Admin: webhooks");
        admin.MapGet("", (string? type, string? outcome, string? q, int? page, int? pageSize, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<Paged<WebhookEventSummary>>(
                    new ListWebhookEvents(type, outcome, q, page ?? 1, pageSize ?? PagingRules.DefaultPageSize), http.RequestAborted))
            .NoStore();
        admin.MapGet("/{eventId}", (string eventId, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<WebhookEventDetail>(new GetWebhookEvent(eventId), http.RequestAborted))
            .NoStore();
        admin.MapPost("/{eventId}/reprocess", (string eventId, HttpContext http, IMessageBus bus, ILoggerFactory logs) =>
                ReprocessStripeEventFlow.RunAsync(bus, eventId, logs.CreateLogger(typeof(ReprocessStripeEventFlow)), http.RequestAborted))
            .NoStore();
    }
}
