using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Payments;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Errors;
using Stripe;

namespace PrimeTech.Billing.Webhooks;

/// <summary>
/// Record and process one Stripe event whose signature the endpoint verified. Answered with
/// <see cref="StripeEventProcessed"/>.
/// </summary>
public sealed record ProcessStripeEvent(string Payload, DateTimeOffset ReceivedAt);

public sealed record StripeEventProcessed(string EventId, WebhookOutcome Outcome, bool SeenBefore);

/// <summary>
/// One Billing transaction per delivery: the event is recorded and processed together, and its
/// cascaded messages (PaymentConfirmed, PDFs, emails) leave through the outbox only if it commits.
/// Deliveries of one event queue on a lock on its id; each one after the first finds the event
/// recorded and does nothing (the primary key backs this up). A <see cref="WebhookOutcome.Failed"/>
/// event is processed again.
/// </summary>
public static class ProcessStripeEventHandler
{
    public static async Task<(StripeEventProcessed, OutgoingMessages)> Handle(
        ProcessStripeEvent command, IDocumentSession session, StripeGateway stripe, TimeProvider clock, CancellationToken ct)
    {
        var stripeEvent = EventUtility.ParseEvent(command.Payload, throwOnApiVersionMismatch: false);

        // Most duplicates are answered without waiting for the lock.
        if (await session.Query<StripeWebhookEvent>().AnyAsync(e => e.Id == stripeEvent.Id && e.Outcome != WebhookOutcome.Failed, ct))
            return (new StripeEventProcessed(stripeEvent.Id, WebhookOutcome.NoChange, SeenBefore: true), []);

        // Before the transaction begins: this may ask Stripe, and nothing is locked while it does.
        var orderId = await PaymentEventLoader.OrderOfAsync(session, stripe, stripeEvent, ct);
        var stripeRefunds = orderId is null ? null : await PaymentEventLoader.RefundsOfAsync(stripe, stripeEvent, ct);
        await TransactionLock.AcquireAsync(session, StripeEventRecorder.LockScope, stripeEvent.Id, ct);
        var recorded = await session.LoadAsync<StripeWebhookEvent>(stripeEvent.Id, ct);
        if (recorded is not null && recorded.Outcome != WebhookOutcome.Failed)
            return (new StripeEventProcessed(recorded.Id, recorded.Outcome, SeenBefore: true), []);

        var isNew = recorded is null;
        recorded ??= StripeEventRecorder.New(stripeEvent, command.Payload, command.ReceivedAt);
        var messages = await StripeEventRecorder.ProcessAsync(session, recorded, isNew, stripeEvent, orderId, stripeRefunds, clock, ct);
        return (new StripeEventProcessed(recorded.Id, recorded.Outcome, SeenBefore: false), messages);
    }
}

/// <summary>
/// Keep a delivery whose processing failed: the event as <see cref="WebhookOutcome.Failed"/> with the
/// error, in a transaction of its own (the failed one rolled back). Stripe's redelivery, or an
/// admin, processes it again. A delivery that succeeded meanwhile is left alone.
/// </summary>
public sealed record RecordStripeEventFailure(string EventId, string Payload, DateTimeOffset ReceivedAt, string Error);

public static class RecordStripeEventFailureHandler
{
    public static async Task Handle(RecordStripeEventFailure command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, StripeEventRecorder.LockScope, command.EventId, ct);
        var recorded = await session.LoadAsync<StripeWebhookEvent>(command.EventId, ct);
        if (recorded is not null && recorded.Outcome != WebhookOutcome.Failed)
            return;

        var isNew = recorded is null;
        recorded ??= StripeEventRecorder.New(
            EventUtility.ParseEvent(command.Payload, throwOnApiVersionMismatch: false), command.Payload, command.ReceivedAt);
        recorded.Outcome = WebhookOutcome.Failed;
        recorded.Error = command.Error;
        recorded.Attempts += 1;
        recorded.LastProcessedAt = clock.GetUtcNow();
        StripeEventRecorder.Save(session, recorded, isNew);
    }
}

internal static class StripeEventRecorder
{
    /// <summary>The lock every writer of one event's record takes, keyed by the event id.</summary>
    public const string LockScope = "billing.stripe-event";

    public static StripeWebhookEvent New(Event stripeEvent, string payload, DateTimeOffset receivedAt) => new()
    {
        Id = stripeEvent.Id,
        Type = stripeEvent.Type ?? "",
        ApiVersion = stripeEvent.ApiVersion,
        StripeCreatedAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)),
        ReceivedAt = receivedAt,
        Livemode = stripeEvent.Livemode,
        Payload = payload,
    };

    /// <summary>
    /// Load (lock the order's invoice, read its payment documents), decide (<see cref="PaymentRules"/>),
    /// then write. A new receipt and new credit notes are numbered by the last statements of the write
    /// batch, so the series' row locks are held only until the commit that follows them. The caller
    /// holds the event's lock.
    /// </summary>
    public static async Task<OutgoingMessages> ProcessAsync(
        IDocumentSession session, StripeWebhookEvent recorded, bool isNew, Event stripeEvent, Guid? orderId,
        IReadOnlyList<StripeRefundSeen>? stripeRefunds, TimeProvider clock, CancellationToken ct)
    {
        var state = await PaymentEventLoader.LoadAsync(session, stripeEvent, orderId, stripeRefunds, ct);
        var now = clock.GetUtcNow();
        var decision = PaymentRules.Decide(stripeEvent, state, now);

        recorded.Outcome = decision.Outcome;
        recorded.OrderNumber = decision.OrderNumber ?? recorded.OrderNumber;
        recorded.InvoiceNumber = decision.InvoiceNumber ?? recorded.InvoiceNumber;
        recorded.Error = decision.Error;
        recorded.Attempts += 1;
        recorded.LastProcessedAt = now;
        Save(session, recorded, isNew);
        if (decision.ChangedInvoice is { } invoice) session.Store(invoice);
        if (decision.ChangedRecord is { } record) session.Store(record);
        foreach (var refund in decision.ChangedRefunds) session.Store(refund);
        foreach (var note in decision.NewCreditNotes) session.Insert(note);
        if (decision.NewReceipt is { } receipt)
        {
            session.Insert(receipt);
            await ReceiptNumbers.AssignLastAsync(session, receipt, decision.ChangedRefunds, now, ct);
        }
        foreach (var note in decision.NewCreditNotes)
            await CreditNoteNumbers.AssignLastAsync(session, note, now, ct);

        var messages = new OutgoingMessages();
        messages.AddRange(decision.Messages);
        return messages;
    }

    /// <summary>A first record is inserted, so the event id's primary key refuses a concurrent second one.</summary>
    public static void Save(IDocumentSession session, StripeWebhookEvent recorded, bool isNew)
    {
        if (isNew) session.Insert(recorded);
        else session.Store(recorded);
    }

    /// <summary>What the webhook log shows of a failure: the exception's type and message, never a stack trace.</summary>
    public static string Describe(Exception exception)
    {
        var text = exception is DomainException domain
            ? $"{domain.Error.Code}: {domain.Detail}"
            : $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= 1000 ? text : text[..1000];
    }
}
