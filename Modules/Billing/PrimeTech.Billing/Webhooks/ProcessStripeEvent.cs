using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Payments;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Errors;
using Stripe;
using Wolverine.Marten;

namespace PrimeTech.Billing.Webhooks;

/// <summary>
/// Record and process one Stripe event whose signature the endpoint verified. Answered with
/// <see cref="StripeEventProcessed"/>.
/// </summary>
public sealed record ProcessStripeEvent(string Payload, DateTimeOffset ReceivedAt);

public sealed record StripeEventProcessed(string EventId, WebhookOutcome Outcome, bool SeenBefore);

/// <summary>
/// One Billing transaction per delivery, in Wolverine's compound shape. <c>LoadAsync</c> reads and
/// locks: deliveries of one event queue on a lock on its id, and each one after the first finds the
/// event recorded and does nothing (the primary key backs this up); a <see cref="WebhookOutcome.Failed"/>
/// event is processed again. <c>Handle</c> is the pure decision (<see cref="StripeEventRecorder.Decide"/>):
/// it returns the storage effects, the receipt's numbering last, and the messages (PaymentConfirmed,
/// PDFs, emails), which leave through the outbox only if the transaction commits.
/// </summary>
public static class ProcessStripeEventHandler
{
    public static async Task<StripeEventLoad> LoadAsync(
        ProcessStripeEvent command, IDocumentSession session, StripeGateway stripe, TimeProvider clock, CancellationToken ct)
    {
        var stripeEvent = EventUtility.ParseEvent(command.Payload, throwOnApiVersionMismatch: false);

        // Most duplicates are answered without waiting for the lock.
        if (await session.Query<StripeWebhookEvent>().AnyAsync(e => e.Id == stripeEvent.Id && e.Outcome != WebhookOutcome.Failed, ct))
            return StripeEventLoad.Seen(new StripeEventProcessed(stripeEvent.Id, WebhookOutcome.NoChange, SeenBefore: true));

        // Before the transaction begins: this may ask Stripe, and nothing is locked while it does.
        var orderId = await PaymentEventLoader.OrderOfAsync(session, stripe, stripeEvent, ct);
        var stripeRefunds = orderId is null ? null : await PaymentEventLoader.RefundsOfAsync(stripe, stripeEvent, ct);
        await TransactionLock.AcquireAsync(session, StripeEventRecorder.LockScope, stripeEvent.Id, ct);
        var recorded = await session.LoadAsync<StripeWebhookEvent>(stripeEvent.Id, ct);
        if (recorded is not null && recorded.Outcome != WebhookOutcome.Failed)
            return StripeEventLoad.Seen(new StripeEventProcessed(recorded.Id, recorded.Outcome, SeenBefore: true));

        return await StripeEventRecorder.LoadAsync(session, stripeEvent,
            recorded ?? StripeEventRecorder.New(stripeEvent, command.Payload, command.ReceivedAt), isNew: recorded is null,
            orderId, stripeRefunds, clock, ct);
    }

    public static (StripeEventProcessed, IEnumerable<IMartenOp>, OutgoingMessages) Handle(ProcessStripeEvent _, StripeEventLoad loaded)
    {
        if (loaded.SeenBefore is { } answer)
            return (answer, [], []);
        var (effects, messages) = StripeEventRecorder.Decide(loaded.ToDecide!);
        var recorded = loaded.ToDecide!.Recorded;
        return (new StripeEventProcessed(recorded.Id, recorded.Outcome, SeenBefore: false), effects, messages);
    }
}

/// <summary>
/// What a Load step found for one Stripe event: the answer for a delivery seen before, or the event
/// to decide on with its record and payment state (the order's invoice locked).
/// </summary>
public sealed class StripeEventLoad
{
    private StripeEventLoad() { }

    internal StripeEventProcessed? SeenBefore { get; private init; }
    internal StripeEventToDecide? ToDecide { get; private init; }

    internal static StripeEventLoad Seen(StripeEventProcessed answer) => new() { SeenBefore = answer };
    internal static StripeEventLoad Decided(StripeEventToDecide toDecide) => new() { ToDecide = toDecide };
}

/// <summary>The event, its record (new or Failed before), what the payment rules read, and the instant they decide at.</summary>
internal sealed record StripeEventToDecide(Event StripeEvent, StripeWebhookEvent Recorded, bool IsNew, PaymentState State, DateTimeOffset Now);

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
        StripeEventRecorder.Save(recorded, isNew).Execute(session);
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
    /// The rest of a Load step, for a caller holding the event's lock: the order's invoice locked and
    /// its payment documents read (<see cref="PaymentEventLoader"/>), and a full number series refused
    /// before anything is decided.
    /// </summary>
    public static async Task<StripeEventLoad> LoadAsync(
        IDocumentSession session, Event stripeEvent, StripeWebhookEvent recorded, bool isNew, Guid? orderId,
        IReadOnlyList<StripeRefundSeen>? stripeRefunds, TimeProvider clock, CancellationToken ct)
    {
        var state = await PaymentEventLoader.LoadAsync(session, stripeEvent, orderId, stripeRefunds, ct);
        var now = clock.GetUtcNow();
        await PaymentEventLoader.EnsureSeriesOpenAsync(session, stripeEvent, state, now, ct);
        return StripeEventLoad.Decided(new StripeEventToDecide(stripeEvent, recorded, isNew, state, now));
    }

    /// <summary>
    /// Decide (<see cref="PaymentRules"/>) and say what to write: the event's record, the documents the
    /// decision changed, then a new receipt and new credit notes, numbered inside the
    /// COMMIT (D-149) so the series' row locks are held for the commit alone.
    /// </summary>
    public static (IEnumerable<IMartenOp> Effects, OutgoingMessages Messages) Decide(StripeEventToDecide loaded)
    {
        var (recorded, now) = (loaded.Recorded, loaded.Now);
        var decision = PaymentRules.Decide(loaded.StripeEvent, loaded.State, now);

        recorded.Outcome = decision.Outcome;
        recorded.OrderNumber = decision.OrderNumber ?? recorded.OrderNumber;
        recorded.InvoiceNumber = decision.InvoiceNumber ?? recorded.InvoiceNumber;
        recorded.Error = decision.Error;
        recorded.Attempts += 1;
        recorded.LastProcessedAt = now;

        List<IMartenOp> effects = [Save(recorded, loaded.IsNew)];
        if (decision.ChangedInvoice is { } invoice) effects.Add(MartenOps.Store(invoice));
        if (decision.ChangedRecord is { } record) effects.Add(MartenOps.Store(record));
        effects.AddRange(decision.ChangedRefunds.Select(refund => MartenOps.Store(refund)));
        effects.AddRange(decision.NewCreditNotes.Select(note => MartenOps.Insert(note)));
        if (decision.NewReceipt is { } receipt)
        {
            effects.Add(MartenOps.Insert(receipt));
            effects.Add(ReceiptNumbers.AssignLast(receipt, decision.ChangedRefunds, now));
        }
        effects.AddRange(decision.NewCreditNotes.Select(note => CreditNoteNumbers.AssignLast(note, now)));

        var messages = new OutgoingMessages();
        messages.AddRange(decision.Messages);
        return (effects, messages);
    }

    /// <summary>A first record is inserted, so the event id's primary key refuses a concurrent second one.</summary>
    public static IMartenOp Save(StripeWebhookEvent recorded, bool isNew) =>
        isNew ? MartenOps.Insert(recorded) : MartenOps.Store(recorded);

    /// <summary>What the webhook log shows of a failure: the exception's type and message, never a stack trace.</summary>
    public static string Describe(Exception exception)
    {
        var text = exception is DomainException domain
            ? $"{domain.Error.Code}: {domain.Detail}"
            : $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= 1000 ? text : text[..1000];
    }
}
