using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Documents;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.StripeApi;
using PrimeTech.Billing.Webhooks;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Persistence;
using Stripe;
using Stripe.Checkout;
using CreditNote = PrimeTech.Billing.CreditNotes.CreditNote;
using Invoice = PrimeTech.Billing.Invoices.Invoice;
using InvoiceIssuer = PrimeTech.Billing.Invoices.InvoiceIssuer;

namespace PrimeTech.Billing.Payments;

/// <summary>
/// What the Load step found for one Stripe event: the invoice it concerns (locked), with that
/// order's receipt and refunds, the event's checkout session record (if it belongs to the invoice),
/// for an expiry the invoice's other open sessions, and for <c>charge.refunded</c> the charge's
/// refunds as Stripe lists them. No invoice means the event matched none.
/// </summary>
internal sealed record PaymentState(
    Invoice? Invoice,
    CheckoutSessionRecord? Record = null,
    Receipt? Receipt = null,
    IReadOnlyList<Refund>? Refunds = null,
    IReadOnlyList<CheckoutSessionRecord>? OtherOpenSessions = null,
    IReadOnlyList<StripeRefundSeen>? StripeRefunds = null)
{
    public static readonly PaymentState NoInvoice = new(Invoice: null);
}

/// <summary>A refund of the charge as Stripe lists it (not failed or cancelled), with our refund's id from its metadata.</summary>
internal sealed record StripeRefundSeen(string Id, long AmountPence, Guid? RefundId, DateTimeOffset Created);

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

    /// <summary>Refunds completed (or recorded) by the event, to store.</summary>
    public List<Refund> ChangedRefunds { get; } = [];

    public List<object> Messages { get; } = [];

    /// <summary>
    /// A confirmed payment's receipt, to insert with a pending number: the transaction's last
    /// statements number it (with the refunds Stripe reported early, <see cref="ReceiptNumbers"/>)
    /// and then the credit notes, and <see cref="AnnounceReceipt"/> tells the other modules.
    /// </summary>
    public Receipt? NewReceipt { get; set; }

    /// <summary>One per Stripe refund newly credited, to insert with a pending number (<see cref="CreditNoteNumbers"/>).</summary>
    public List<CreditNote> NewCreditNotes { get; } = [];
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
            (ChargeRefunded, Charge) => Refunded(stripeEvent.Id, at, state, now),
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
            Pdf = new BillingPdf { DocumentId = Guid.NewGuid() },
        };
        invoice.TryMarkPaid(paidAt, now, out var pdf);

        decision.ChangedInvoice = invoice;
        decision.NewReceipt = receiptToIssue;
        decision.Messages.Add(new AnnounceReceipt(receiptToIssue.Id));
        if (invoice.EarlyRefund is { } early)
        {
            // Stripe reported refunds first: they follow the confirmation they were waiting for.
            Credit(decision, invoice, receiptToIssue, state.Refunds ?? [], early.Refunds
                .Select(r => new StripeRefundSeen(r.Id, r.AmountPence, null, r.At)).ToList(), early.EventId, early.At, now);
            invoice.EarlyRefund = null;
        }
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

    /// <summary>
    /// <c>charge.refunded</c>: every refund Stripe lists for the charge that has no credit note yet
    /// gets one (one per Stripe refund, whatever the order or number of deliveries): the admin's
    /// pending refund it names, or one made in Stripe's dashboard, credited by amount.
    /// </summary>
    private static PaymentDecision Refunded(string eventId, DateTimeOffset at, PaymentState state, DateTimeOffset now)
    {
        if (state.Invoice is not { } invoice)
            return new PaymentDecision(WebhookOutcome.NeedsAttention, null, null, "No invoice matches this refund");

        var decision = new PaymentDecision(WebhookOutcome.Processed, invoice.OrderNumber, invoice.Number);
        var seen = state.StripeRefunds ?? [];
        var refunds = state.Refunds ?? [];
        switch (invoice.Status)
        {
            case InvoiceStatus.Paid:
                Credit(decision, invoice, state.Receipt ?? throw new InvalidOperationException($"Paid invoice {invoice.Number} has no receipt."),
                    refunds, seen, eventId, at, now);
                break;
            case InvoiceStatus.Issued:
            {
                var early = invoice.EarlyRefund ?? new EarlyRefund { EventId = eventId, At = at };
                var added = seen.Where(s => early.Refunds.All(r => r.Id != s.Id)).ToList();
                early.Refunds.AddRange(added.Select(s => new EarlyStripeRefund { Id = s.Id, AmountPence = s.AmountPence, At = at }));
                early.AmountPence = early.Refunds.Sum(r => r.AmountPence);
                if (added.Count > 0)
                {
                    invoice.EarlyRefund = early;
                    decision.ChangedInvoice = invoice;
                }
                break;
            }
            default:
                // Paid after the order was cancelled, then refunded in Stripe's dashboard: no receipt, no
                // credit note (the invoice is void), no PaymentRefunded (nothing was granted), but each
                // refund is kept for the admin page.
                foreach (var refund in seen.Where(s => refunds.All(r => r.StripeRefundId != s.Id)))
                    decision.ChangedRefunds.Add(new Refund
                    {
                        Id = Guid.NewGuid(), OrderId = invoice.OrderId, OrderNumber = invoice.OrderNumber, InvoiceNumber = invoice.Number,
                        StripeRefundId = refund.Id, AmountPence = refund.AmountPence, Kind = RefundKind.Amount,
                        Status = RefundStatus.Completed, CompletedAt = at, CompletedByEventId = eventId,
                    });
                break;
        }
        if (decision.ChangedRefunds.Count == 0 && decision.ChangedInvoice is null && decision.Outcome == WebhookOutcome.Processed)
        {
            decision.Outcome = WebhookOutcome.NoChange;
            if (seen.Count == 0) decision.Error = "Stripe lists no refund of this charge.";
        }
        return decision;
    }

    /// <summary>Completes the refunds Stripe reported that have no credit note yet, and issues one for each.</summary>
    private static void Credit(PaymentDecision decision, Invoice invoice, Receipt receipt, IReadOnlyList<Refund> known,
        IReadOnlyList<StripeRefundSeen> seen, string eventId, DateTimeOffset at, DateTimeOffset now)
    {
        var refunds = known.ToList();
        foreach (var stripeRefund in seen.OrderBy(s => s.Created).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            if (refunds.Any(r => r.StripeRefundId == stripeRefund.Id && r.Status == RefundStatus.Completed))
                continue;
            var refund = refunds.FirstOrDefault(r => r.StripeRefundId == stripeRefund.Id)
                         ?? refunds.FirstOrDefault(r => r.Id == stripeRefund.RefundId && r.StripeRefundId is null);
            if (refund is null)
            {
                // Made in Stripe's dashboard: credited by amount against what earlier credit notes left.
                var completed = refunds.Where(r => r.Status == RefundStatus.Completed).ToList();
                List<CreditLine> lines;
                try
                {
                    lines = RefundRules.ForAmount(invoice, completed.SelectMany(r => r.Lines).ToList(), stripeRefund.AmountPence);
                }
                catch (DomainException e)
                {
                    decision.Outcome = WebhookOutcome.NeedsAttention;
                    decision.Error = $"Stripe refund {stripeRefund.Id}: {e.Detail}";
                    continue;
                }
                refund = new Refund
                {
                    Id = Guid.NewGuid(), OrderId = invoice.OrderId, OrderNumber = invoice.OrderNumber, InvoiceNumber = invoice.Number,
                    AmountPence = stripeRefund.AmountPence, Lines = lines,
                    Kind = stripeRefund.AmountPence == RefundRules.Refundable(invoice.GrossPence, completed) ? RefundKind.Remainder : RefundKind.Amount,
                };
                refunds.Add(refund);
            }

            refund.StripeRefundId = stripeRefund.Id;
            refund.ReceiptNumber = receipt.Number;
            refund.Status = RefundStatus.Completed;
            refund.Error = null;
            refund.CompletedAt = at;
            refund.CompletedByEventId = eventId;
            var refundedToDate = refunds.Where(r => r.Status == RefundStatus.Completed).Sum(r => r.AmountPence);
            var note = CreditNoteFor(invoice, refund, refundedToDate, at, now);
            refund.CreditNoteId = note.Id;
            decision.ChangedRefunds.Add(refund);
            decision.NewCreditNotes.Add(note);
            decision.Messages.Add(new AnnounceCreditNote(note.Id));
            decision.Messages.Add(new RenderCreditNotePdf(note.Id));
        }
    }

    private static CreditNote CreditNoteFor(Invoice invoice, Refund refund, long refundedToDate, DateTimeOffset at, DateTimeOffset now)
    {
        var id = Guid.NewGuid();
        return new CreditNote
        {
            Id = id,
            Number = CreditNoteNumbers.Pending(id),
            OrderId = invoice.OrderId,
            OrderNumber = invoice.OrderNumber,
            InvoiceNumber = invoice.Number,
            InvoiceIssuedAt = invoice.IssuedAt,
            CustomerId = invoice.CustomerId,
            RefundId = refund.Id,
            StripeRefundId = refund.StripeRefundId!,
            Seller = invoice.Seller,
            Buyer = invoice.Buyer,
            Lines = refund.Lines,
            NetPence = refund.Lines.Sum(l => l.NetPence),
            VatPence = refund.Lines.Sum(l => l.VatPence),
            GrossPence = refund.Lines.Sum(l => l.GrossPence),
            Currency = invoice.Currency,
            Reason = refund.Reason,
            RevokedLicenceKeys = [.. refund.LicenceKeys],
            RefundedToDatePence = refundedToDate,
            CompletesRefund = refundedToDate >= invoice.GrossPence,
            RefundedAt = at,
            IssuedAt = now,
            Pdf = new BillingPdf { DocumentId = Guid.NewGuid() },
        };
    }

    /// <summary>What a numbered receipt tells the other modules (refunds it completed are announced with their credit notes).</summary>
    public static PaymentConfirmed Announcement(Receipt receipt, Invoice invoice) =>
        new(invoice.OrderId, invoice.OrderNumber, invoice.Number, receipt.Number, invoice.CustomerId, invoice.Buyer.Email,
            invoice.Buyer.Name, receipt.AmountPence, receipt.Currency, receipt.PaidAt,
            invoice.Lines.Select(l => new PaidLine(l.ProductId, l.Sku, l.Name, l.IsLicensed, l.Quantity)).ToList());

    /// <summary>
    /// What a numbered credit note tells the other modules: CreditNoteIssued, then PaymentRefunded
    /// when it leaves nothing to refund.
    /// </summary>
    public static IReadOnlyList<object> Announcements(CreditNote note, Receipt receipt)
    {
        List<object> messages =
        [
            new CreditNoteIssued(note.Id, note.Number, note.OrderId, note.OrderNumber, note.InvoiceNumber, note.CustomerId,
                note.StripeRefundId, note.IssuedAt, note.NetPence, note.VatPence, note.GrossPence, note.CreditedLines(),
                note.RevokedLicenceKeys, note.RefundedToDatePence, note.CompletesRefund),
        ];
        if (note.CompletesRefund)
            messages.Add(new PaymentRefunded(note.OrderId, note.OrderNumber, note.InvoiceNumber, receipt.Number, note.CustomerId,
                note.RefundedToDatePence, receipt.PaidAt, note.RefundedAt));
        return messages;
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

            case (PaymentRules.ChargeRefunded, Charge charge):
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

    /// <summary>
    /// The refunds of a refunded charge, as Stripe lists them (the event's charge carries them only in
    /// older API versions), asked before any lock or transaction; failed and cancelled ones left out.
    /// </summary>
    public static async Task<IReadOnlyList<StripeRefundSeen>?> RefundsOfAsync(StripeGateway stripe, Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Type != PaymentRules.ChargeRefunded || stripeEvent.Data?.Object is not Charge charge)
            return null;
        var refunds = charge.Refunds?.Data is { Count: > 0 } carried
            ? carried
            : string.IsNullOrEmpty(charge.Id) ? [] : await stripe.ListRefundsAsync(charge.Id, ct);
        return refunds
            .Where(r => !string.IsNullOrEmpty(r.Id) && r.Status is not ("failed" or "canceled"))
            .Select(r => new StripeRefundSeen(r.Id, r.Amount,
                r.Metadata is not null && r.Metadata.TryGetValue(StripeGateway.RefundIdMetadata, out var id) && Guid.TryParse(id, out var refundId)
                    ? refundId
                    : null,
                new DateTimeOffset(DateTime.SpecifyKind(r.Created, DateTimeKind.Utc))))
            .ToList();
    }

    /// <summary>The order's invoice, locked (the lock issuing, voiding, checkout and refunds share), and what the rules read.</summary>
    public static async Task<PaymentState> LoadAsync(
        IDocumentSession session, Event stripeEvent, Guid? orderId, IReadOnlyList<StripeRefundSeen>? stripeRefunds, CancellationToken ct)
    {
        if (orderId is not { } id)
            return PaymentState.NoInvoice;
        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, id, ct);

        var batch = session.CreateBatchQuery();
        var invoice = batch.Query<Invoice>().Where(i => i.OrderId == id).First();
        var receipt = batch.Query<Receipt>().Where(r => r.OrderId == id).FirstOrDefault();
        var refunds = batch.Query<Refund>().Where(r => r.OrderId == id).ToList();
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
            loaded, sessionRecord is not null && sessionRecord.InvoiceId == loaded.Id ? sessionRecord : null, await receipt,
            (await refunds).ToList(), otherOpen, stripeRefunds);
    }

    /// <summary>
    /// Refuses (SERIES_EXHAUSTED) before anything is decided when the event could number a document
    /// in a full series: the payment of an invoice awaiting it (a receipt, and credit notes for refunds
    /// Stripe reported first), or a refund of a paid one (credit notes).
    /// </summary>
    public static async Task EnsureSeriesOpenAsync(
        IDocumentSession session, Event stripeEvent, PaymentState state, DateTimeOffset now, CancellationToken ct)
    {
        if (state.Invoice is not { } invoice)
            return;
        var paying = stripeEvent.Type is PaymentRules.CheckoutCompleted or PaymentRules.AsyncPaymentSucceeded
                     && invoice.Status == InvoiceStatus.Issued;
        if (paying)
            await ReceiptNumbers.EnsureOpenAsync(session, now, ct);
        if ((paying && invoice.EarlyRefund is not null) || (stripeEvent.Type == PaymentRules.ChargeRefunded && invoice.Status == InvoiceStatus.Paid))
            await CreditNoteNumbers.EnsureOpenAsync(session, now, ct);
    }

    private static async Task<Guid?> OrderOfInvoiceAsync(IDocumentSession session, string invoiceNumber, CancellationToken ct)
    {
        var ids = await session.Query<Invoice>().Where(i => i.Number == invoiceNumber).Select(i => i.OrderId).ToListAsync(ct);
        return ids.Count > 0 ? ids[0] : null;
    }
}
