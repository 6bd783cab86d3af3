using Marten;
using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.StripeApi;
using PrimeTech.Billing.Webhooks;
using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Persistence;
using Stripe;
using Stripe.Checkout;
using Invoice = PrimeTech.Billing.Invoices.Invoice;
using InvoiceIssuer = PrimeTech.Billing.Invoices.InvoiceIssuer;

namespace PrimeTech.Billing.Payments;

/// <summary>
/// What the Load step found for one Stripe event: the invoice it concerns (locked), with that
/// order's receipt and refund, the event's checkout session record (if it belongs to the invoice)
/// and, for an expiry, the invoice's other open sessions. No invoice means the event matched none.
/// </summary>
internal sealed record PaymentState(
    Invoice? Invoice,
    CheckoutSessionRecord? Record = null,
    Receipt? Receipt = null,
    Refund? Refund = null,
    IReadOnlyList<CheckoutSessionRecord>? OtherOpenSessions = null)
{
    public static readonly PaymentState NoInvoice = new(Invoice: null);
}

/// <summary>
/// What one Stripe event decided: its outcome for the webhook log, the loaded documents it changed
/// (to store), the messages to cascade, and the receipt to issue, which is numbered last.
/// </summary>
internal sealed class PaymentDecision(WebhookOutcome outcome, string? orderNumber, string? invoiceNumber, string? error = null)
{
    public WebhookOutcome Outcome { get; set; } = outcome;
    public string? OrderNumber { get; } = orderNumber;
    public string? InvoiceNumber { get; } = invoiceNumber;
    public string? Error { get; set; } = error;
    public Invoice? ChangedInvoice { get; set; }
    public CheckoutSessionRecord? ChangedRecord { get; set; }
    public Refund? ChangedRefund { get; set; }
    public List<object> Messages { get; } = [];

    /// <summary>
    /// A confirmed payment's receipt, to insert with a pending number: the transaction's last
    /// statement numbers it and the early refund in <see cref="ChangedRefund"/>
    /// (<see cref="ReceiptNumbers"/>), and <see cref="AnnounceReceipt"/> tells the other modules.
    /// </summary>
    public Receipt? NewReceipt { get; set; }
}

/// <summary>
/// The payment rules of BE §9.3 as one pure decision over (event, invoice state): no I/O, no clock.
/// The Load step (<see cref="PaymentEventLoader"/>) has locked the invoice, so events of one payment
/// delivered at once, twice, or in any order end in the same state: one receipt per order at most
/// (the unique index on its order backs this up).
/// </summary>
internal static class PaymentRules
{
    public const string CheckoutCompleted = "checkout.session.completed";
    public const string AsyncPaymentSucceeded = "checkout.session.async_payment_succeeded";
    public const string AsyncPaymentFailed = "checkout.session.async_payment_failed";
    public const string SessionExpired = "checkout.session.expired";
    public const string ChargeRefunded = "charge.refunded";

    public static bool IsSessionEvent(string? type) =>
        type is CheckoutCompleted or AsyncPaymentSucceeded or AsyncPaymentFailed or SessionExpired;

    public static PaymentDecision Decide(Event stripeEvent, PaymentState state, DateTimeOffset now)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        return (stripeEvent.Type, stripeEvent.Data?.Object) switch
        {
            (CheckoutCompleted, Session s) when s.PaymentStatus == "paid" => Confirm(s, stripeEvent.Id, at, state, now),
            (CheckoutCompleted, Session s) when s.PaymentStatus == "unpaid" => AwaitAsyncPayment(s, state),
            (CheckoutCompleted, Session s) => new PaymentDecision(WebhookOutcome.NoChange, OrderNumberOf(s.Metadata), null),
            (AsyncPaymentSucceeded, Session s) => Confirm(s, stripeEvent.Id, at, state, now),
            (AsyncPaymentFailed, Session s) => AttemptFailed(s, at, state),
            (SessionExpired, Session s) => Expired(s, at, state, now),
            (ChargeRefunded, Charge c) => Refunded(c, stripeEvent.Id, at, state),
            (CheckoutCompleted or AsyncPaymentSucceeded or AsyncPaymentFailed or SessionExpired or ChargeRefunded, _) =>
                new PaymentDecision(WebhookOutcome.NeedsAttention, null, null, "The event does not carry the object its type promises."),
            _ => new PaymentDecision(WebhookOutcome.Unhandled, null, null),
        };
    }

    private static PaymentDecision Confirm(Session paid, string eventId, DateTimeOffset paidAt, PaymentState state, DateTimeOffset now)
    {
        if (state.Invoice is not { } invoice)
            return NoInvoiceForSession(paid);
        var decision = new PaymentDecision(WebhookOutcome.Processed, invoice.OrderNumber, invoice.Number);

        if (string.IsNullOrEmpty(paid.PaymentIntentId))
        {
            decision.Outcome = WebhookOutcome.NeedsAttention;
            decision.Error = "The paid session names no payment intent.";
            return decision;
        }

        if (state.Record is { } record && (record.TryMove(CheckoutSessionStatus.Paid) || record.Status == CheckoutSessionStatus.Paid))
        {
            record.PaymentIntentId = paid.PaymentIntentId;
            decision.ChangedRecord = record;
        }

        switch (invoice.Status)
        {
            case InvoiceStatus.Paid:
            {
                var receipt = state.Receipt ?? throw new InvalidOperationException($"Paid invoice {invoice.Number} has no receipt.");
                if (receipt.PaymentIntentId == paid.PaymentIntentId)
                {
                    decision.Outcome = WebhookOutcome.NoChange;
                    return decision;
                }
                Anomaly(invoice, PaymentAnomalyKind.DuplicatePayment, eventId, now,
                    $"A second payment ({paid.PaymentIntentId}, {Money(paid.AmountTotal, paid.Currency)}) was made for this invoice, " +
                    $"already paid by {receipt.PaymentIntentId}. Refund it in Stripe.");
                decision.ChangedInvoice = invoice;
                decision.Outcome = WebhookOutcome.NeedsAttention;
                decision.Error = "A second payment was made for an invoice already paid.";
                return decision;
            }
            case InvoiceStatus.Void:
                Anomaly(invoice, PaymentAnomalyKind.PaidAfterVoid, eventId, now,
                    $"Paid ({paid.PaymentIntentId}, {Money(paid.AmountTotal, paid.Currency)}) after the order was cancelled. Refund it in Stripe.");
                decision.ChangedInvoice = invoice;
                decision.Outcome = WebhookOutcome.NeedsAttention;
                decision.Error = "Paid after the order was cancelled.";
                return decision;
        }

        if (paid.AmountTotal != invoice.GrossPence || !string.Equals(paid.Currency, "gbp", StringComparison.OrdinalIgnoreCase))
        {
            Anomaly(invoice, PaymentAnomalyKind.AmountMismatch, eventId, now,
                $"Stripe reported {Money(paid.AmountTotal, paid.Currency)} for session {paid.Id}; the invoice total is {Vat.Pounds(invoice.GrossPence)} GBP. No receipt was issued.");
            decision.ChangedInvoice = invoice;
            decision.Outcome = WebhookOutcome.AmountMismatch;
            return decision;
        }

        var receiptId = Guid.NewGuid();
        var receiptToIssue = new Receipt
        {
            Id = receiptId,
            Number = ReceiptNumbers.Pending(receiptId),
            OrderId = invoice.OrderId,
            CustomerId = invoice.CustomerId,
            OrderNumber = invoice.OrderNumber,
            InvoiceNumber = invoice.Number,
            PaymentIntentId = paid.PaymentIntentId,
            AmountPence = invoice.GrossPence,
            Currency = invoice.Currency,
            PaidAt = paidAt,
            IssuedAt = now,
            Pdf = new ReceiptPdf { DocumentId = Guid.NewGuid() },
        };
        invoice.TryMarkPaid(paidAt, now, out var pdf);

        Refund? earlyRefund = null;
        if (invoice.EarlyRefund is { } early)
        {
            // Stripe reported the refund first: it follows the confirmation it was waiting for.
            earlyRefund = CompleteRefund(invoice, state.Refund, early.EventId, early.AmountPence, null, early.At);
            invoice.EarlyRefund = null;
        }
        decision.ChangedInvoice = invoice;
        decision.ChangedRefund = earlyRefund;
        decision.NewReceipt = receiptToIssue;
        decision.Messages.Add(new AnnounceReceipt(receiptToIssue.Id, WithEarlyRefund: earlyRefund is not null));
        decision.Messages.Add(new RenderReceiptPdf(receiptToIssue.Id));
        decision.Messages.Add(new RenderInvoicePdf(invoice.Id, pdf!.Revision));
        return decision;
    }

    private static PaymentDecision AwaitAsyncPayment(Session pending, PaymentState state)
    {
        if (state.Invoice is not { } invoice)
            return NoInvoiceForSession(pending);
        var decision = new PaymentDecision(WebhookOutcome.NoChange, invoice.OrderNumber, invoice.Number);
        if (state.Record is { } record && record.TryMove(CheckoutSessionStatus.AwaitingAsyncPayment))
        {
            record.PaymentIntentId = pending.PaymentIntentId;
            decision.ChangedRecord = record;
        }
        return decision;
    }

    private static PaymentDecision AttemptFailed(Session failed, DateTimeOffset at, PaymentState state)
    {
        if (state.Invoice is not { } invoice)
            return NoInvoiceForSession(failed);
        var changed = state.Record is null || state.Record.TryMove(CheckoutSessionStatus.PaymentFailed);
        var decision = new PaymentDecision(changed ? WebhookOutcome.Processed : WebhookOutcome.NoChange, invoice.OrderNumber, invoice.Number)
        {
            ChangedRecord = changed ? state.Record : null,
        };
        if (changed && invoice.Status == InvoiceStatus.Issued)
            decision.Messages.Add(new PaymentAttemptFailed(invoice.OrderId, invoice.OrderNumber, "Failed", at));
        return decision;
    }

    private static PaymentDecision Expired(Session expired, DateTimeOffset at, PaymentState state, DateTimeOffset now)
    {
        if (state.Invoice is not { } invoice)
            return NoInvoiceForSession(expired);
        var changed = state.Record is null || state.Record.TryMove(CheckoutSessionStatus.Expired);
        var decision = new PaymentDecision(changed ? WebhookOutcome.Processed : WebhookOutcome.NoChange, invoice.OrderNumber, invoice.Number)
        {
            ChangedRecord = changed ? state.Record : null,
        };
        var anotherOpen = (state.OtherOpenSessions ?? []).Any(s => s.Id != expired.Id && s.ExpiresAt > now);
        if (changed && invoice.Status == InvoiceStatus.Issued && !anotherOpen)
            decision.Messages.Add(new PaymentAttemptFailed(invoice.OrderId, invoice.OrderNumber, "Expired", at));
        return decision;
    }

    private static PaymentDecision Refunded(Charge charge, string eventId, DateTimeOffset at, PaymentState state)
    {
        if (!charge.Refunded)
            return new PaymentDecision(WebhookOutcome.NoChange, OrderNumberOf(charge.Metadata), InvoiceNumberOf(charge.Metadata),
                "Partial refunds are not supported: nothing was changed.");
        if (state.Invoice is not { } invoice)
            return new PaymentDecision(WebhookOutcome.NeedsAttention, OrderNumberOf(charge.Metadata), null, "No invoice matches this refund");

        var decision = new PaymentDecision(WebhookOutcome.Processed, invoice.OrderNumber, invoice.Number);
        var refundId = charge.Refunds?.Data?.FirstOrDefault()?.Id;
        switch (invoice.Status)
        {
            case InvoiceStatus.Paid:
            {
                var receipt = state.Receipt ?? throw new InvalidOperationException($"Paid invoice {invoice.Number} has no receipt.");
                var refund = CompleteRefund(invoice, state.Refund, eventId, charge.AmountRefunded, refundId, at);
                if (refund is null)
                {
                    decision.Outcome = WebhookOutcome.NoChange;
                    return decision;
                }
                refund.ReceiptNumber = receipt.Number;
                decision.ChangedRefund = refund;
                decision.Messages.Add(Refunded(invoice, receipt, refund));
                return decision;
            }
            case InvoiceStatus.Issued:
                if (invoice.EarlyRefund is not null)
                {
                    decision.Outcome = WebhookOutcome.NoChange;
                    return decision;
                }
                invoice.EarlyRefund = new EarlyRefund { EventId = eventId, ChargeId = charge.Id, AmountPence = charge.AmountRefunded, At = at };
                decision.ChangedInvoice = invoice;
                return decision;
            default:
            {
                // Paid after the order was cancelled, then refunded in Stripe's dashboard: no receipt, no
                // PaymentRefunded (nothing was granted), but the refund is kept for the admin page.
                var refund = CompleteRefund(invoice, state.Refund, eventId, charge.AmountRefunded, refundId, at);
                if (refund is null)
                    decision.Outcome = WebhookOutcome.NoChange;
                decision.ChangedRefund = refund;
                return decision;
            }
        }
    }

    /// <summary>
    /// What a numbered receipt tells the other modules: PaymentConfirmed, then PaymentRefunded when a
    /// refund Stripe reported early was completed on it.
    /// </summary>
    public static IReadOnlyList<object> Announcements(Receipt receipt, Invoice invoice, Refund? earlyRefund)
    {
        List<object> messages =
        [
            new PaymentConfirmed(
                invoice.OrderId, invoice.OrderNumber, invoice.Number, receipt.Number, invoice.CustomerId, invoice.Buyer.Email,
                invoice.Buyer.Name, receipt.AmountPence, receipt.Currency, receipt.PaidAt,
                invoice.Lines.Select(l => new PaidLine(l.ProductId, l.Sku, l.Name, l.IsLicensed, l.Quantity)).ToList()),
        ];
        if (earlyRefund is not null)
            messages.Add(Refunded(invoice, receipt, earlyRefund));
        return messages;
    }

    internal static PaymentRefunded Refunded(Invoice invoice, Receipt receipt, Refund refund) =>
        new(invoice.OrderId, invoice.OrderNumber, invoice.Number, receipt.Number, invoice.CustomerId, refund.AmountPence,
            receipt.PaidAt, refund.CompletedAt!.Value);

    /// <summary>The order's refund marked Completed (created if it was made in Stripe), its receipt number left to the caller. Null if it already was.</summary>
    private static Refund? CompleteRefund(
        Invoice invoice, Refund? existing, string eventId, long amountPence, string? stripeRefundId, DateTimeOffset at)
    {
        if (existing is { Status: RefundStatus.Completed })
            return null;
        var refund = existing ?? new Refund
        {
            Id = Guid.NewGuid(),
            OrderId = invoice.OrderId,
            OrderNumber = invoice.OrderNumber,
            InvoiceNumber = invoice.Number,
            AmountPence = amountPence,
        };
        refund.ReceiptNumber = "";
        refund.StripeRefundId ??= stripeRefundId;
        refund.Status = RefundStatus.Completed;
        refund.CompletedAt = at;
        refund.CompletedByEventId = eventId;
        return refund;
    }

    private static PaymentDecision NoInvoiceForSession(Session checkout) =>
        new(WebhookOutcome.NeedsAttention, OrderNumberOf(checkout.Metadata), null, "No invoice matches this session");

    private static void Anomaly(Invoice invoice, PaymentAnomalyKind kind, string eventId, DateTimeOffset at, string detail) =>
        invoice.Anomalies.Add(new PaymentAnomaly { At = at, Kind = kind, Detail = detail, EventId = eventId });

    private static string Money(long? amount, string? currency) =>
        (currency ?? "").Equals("gbp", StringComparison.OrdinalIgnoreCase)
            ? Vat.Pounds(amount ?? 0) + " GBP"
            : $"{(amount ?? 0) / 100m:0.00} {(currency ?? "?").ToUpperInvariant()}";

    public static string? InvoiceNumberOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("invoice_number", out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim().ToUpperInvariant()
            : null;

    private static string? OrderNumberOf(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("order_number", out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim().ToUpperInvariant()
            : null;
}

/// <summary>
/// The I/O around <see cref="PaymentRules"/>: which order an event concerns (before any lock or
/// transaction, so the one possible call to Stripe holds nothing), then that order's invoice locked
/// and its payment documents read in one round trip.
/// </summary>
internal static class PaymentEventLoader
{
    /// <summary>
    /// The order a payment event concerns, or null. A session by its metadata, else by the session
    /// recorded when it was made; a full refund by its receipt, else the invoice in its metadata,
    /// else in its PaymentIntent's (asked of Stripe, outside any transaction).
    /// </summary>
    public static async Task<Guid?> OrderOfAsync(IDocumentSession session, StripeGateway stripe, Event stripeEvent, CancellationToken ct)
    {
        switch (stripeEvent.Type, stripeEvent.Data?.Object)
        {
            case (var type, Session checkout) when PaymentRules.IsSessionEvent(type):
                if (PaymentRules.InvoiceNumberOf(checkout.Metadata) is { } invoiceNumber && await OrderOfInvoiceAsync(session, invoiceNumber, ct) is { } id)
                    return id;
                var invoiceIds = await session.Query<CheckoutSessionRecord>().Where(r => r.Id == checkout.Id).Select(r => r.InvoiceId).ToListAsync(ct);
                if (invoiceIds.Count == 0)
                    return null;
                var orderIds = await session.Query<Invoice>().Where(i => i.Id == invoiceIds[0]).Select(i => i.OrderId).ToListAsync(ct);
                return orderIds.Count > 0 ? orderIds[0] : null;

            case (PaymentRules.ChargeRefunded, Charge { Refunded: true } charge):
                if (!string.IsNullOrEmpty(charge.PaymentIntentId))
                {
                    var byReceipt = await session.Query<Receipt>().Where(r => r.PaymentIntentId == charge.PaymentIntentId)
                        .Select(r => r.OrderId).ToListAsync(ct);
                    if (byReceipt.Count > 0) return byReceipt[0];
                }
                if (PaymentRules.InvoiceNumberOf(charge.Metadata) is { } number && await OrderOfInvoiceAsync(session, number, ct) is { } byMetadata)
                    return byMetadata;
                if (string.IsNullOrEmpty(charge.PaymentIntentId))
                    return null;
                var intent = await stripe.GetPaymentIntentAsync(charge.PaymentIntentId, withLatestCharge: false, ct);
                return PaymentRules.InvoiceNumberOf(intent.Metadata) is { } fromIntent ? await OrderOfInvoiceAsync(session, fromIntent, ct) : null;

            default:
                return null;
        }
    }

    /// <summary>The order's invoice, locked (the lock issuing, voiding, checkout and refunds share), and what the rules read.</summary>
    public static async Task<PaymentState> LoadAsync(IDocumentSession session, Event stripeEvent, Guid? orderId, CancellationToken ct)
    {
        if (orderId is not { } id)
            return PaymentState.NoInvoice;
        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, id, ct);

        var batch = session.CreateBatchQuery();
        var invoice = batch.Query<Invoice>().Where(i => i.OrderId == id).First();
        var receipt = batch.Query<Receipt>().Where(r => r.OrderId == id).FirstOrDefault();
        var refund = batch.Query<Refund>().Where(r => r.OrderId == id).FirstOrDefault();
        var checkout = stripeEvent.Data?.Object as Session;
        var record = checkout is null ? null : batch.Load<CheckoutSessionRecord>(checkout.Id);
        await batch.Execute(ct);

        var loaded = await invoice;
        var sessionRecord = record is null ? null : await record;
        IReadOnlyList<CheckoutSessionRecord>? otherOpen = null;
        if (stripeEvent.Type == PaymentRules.SessionExpired)
            otherOpen = await session.Query<CheckoutSessionRecord>()
                .Where(s => s.InvoiceId == loaded.Id && s.Status == CheckoutSessionStatus.Open)
                .ToListAsync(ct);
        return new PaymentState(
            loaded, sessionRecord is not null && sessionRecord.InvoiceId == loaded.Id ? sessionRecord : null, await receipt, await refund,
            otherOpen);
    }

    private static async Task<Guid?> OrderOfInvoiceAsync(IDocumentSession session, string invoiceNumber, CancellationToken ct)
    {
        var ids = await session.Query<Invoice>().Where(i => i.Number == invoiceNumber).Select(i => i.OrderId).ToListAsync(ct);
        return ids.Count > 0 ? ids[0] : null;
    }
}
