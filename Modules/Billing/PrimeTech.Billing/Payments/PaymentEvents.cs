using Marten;
using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.Billing.Webhooks;
using Stripe;
using Invoice = PrimeTech.Billing.Invoices.Invoice;
using InvoiceIssuer = PrimeTech.Billing.Invoices.InvoiceIssuer;
using Stripe.Checkout;
using Wolverine;

namespace PrimeTech.Billing.Payments;

/// <summary>What one Stripe event did: its outcome, the order and invoice it concerned, and the messages it cascades.</summary>
internal sealed record EventEffect(WebhookOutcome Outcome, string? OrderNumber, string? InvoiceNumber, string? Error, OutgoingMessages Messages)
{
    public static EventEffect Of(WebhookOutcome outcome, string? orderNumber = null, string? invoiceNumber = null, string? error = null) =>
        new(outcome, orderNumber, invoiceNumber, error, []);
}

/// <summary>
/// The payment rules of BE §9.3, applied to one Stripe event inside the transaction that records
/// it. Every change to an invoice happens under that invoice's lock (shared with issuing, voiding,
/// checkout and refunds), so events of one payment delivered at once, twice, or in any order end
/// in the same state: one receipt per order at most, backed by the unique index on its order.
/// </summary>
internal sealed class PaymentEvents(IDocumentSession session, StripeGateway stripe, TimeProvider clock, CancellationToken ct)
{
    public async Task<EventEffect> ApplyAsync(Event stripeEvent)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        return (stripeEvent.Type, stripeEvent.Data?.Object) switch
        {
            ("checkout.session.completed", Session s) when s.PaymentStatus == "paid" => await ConfirmAsync(s, stripeEvent.Id, at),
            ("checkout.session.completed", Session s) when s.PaymentStatus == "unpaid" => await AwaitAsyncPaymentAsync(s),
            ("checkout.session.completed", Session s) => EventEffect.Of(WebhookOutcome.NoChange, OrderNumberOf(s.Metadata)),
            ("checkout.session.async_payment_succeeded", Session s) => await ConfirmAsync(s, stripeEvent.Id, at),
            ("checkout.session.async_payment_failed", Session s) => await AttemptFailedAsync(s, at),
            ("checkout.session.expired", Session s) => await ExpiredAsync(s, at),
            ("charge.refunded", Charge c) => await RefundedAsync(c, stripeEvent.Id, at),
            ("checkout.session.completed" or "checkout.session.async_payment_succeeded" or "checkout.session.async_payment_failed"
                or "checkout.session.expired" or "charge.refunded", _) =>
                EventEffect.Of(WebhookOutcome.NeedsAttention, error: "The event does not carry the object its type promises."),
            _ => EventEffect.Of(WebhookOutcome.Unhandled),
        };
    }

    private async Task<EventEffect> ConfirmAsync(Session paid, string eventId, DateTimeOffset paidAt)
    {
        var found = await LockInvoiceOfSessionAsync(paid);
        if (found is not var (invoice, record))
            return EventEffect.Of(WebhookOutcome.NeedsAttention, OrderNumberOf(paid.Metadata), error: "No invoice matches this session");
        var now = clock.GetUtcNow();
        var effect = EventEffect.Of(WebhookOutcome.Processed, invoice.OrderNumber, invoice.Number);

        if (string.IsNullOrEmpty(paid.PaymentIntentId))
            return effect with { Outcome = WebhookOutcome.NeedsAttention, Error = "The paid session names no payment intent." };

        if (record is not null && (record.TryMove(CheckoutSessionStatus.Paid) || record.Status == CheckoutSessionStatus.Paid))
        {
            record.PaymentIntentId = paid.PaymentIntentId;
            session.Store(record);
        }

        switch (invoice.Status)
        {
            case InvoiceStatus.Paid:
            {
                var receipt = await session.Query<Receipt>().FirstAsync(r => r.OrderId == invoice.OrderId, ct);
                if (receipt.PaymentIntentId == paid.PaymentIntentId)
                    return effect with { Outcome = WebhookOutcome.NoChange };
                Anomaly(invoice, PaymentAnomalyKind.DuplicatePayment, eventId, now,
                    $"A second payment ({paid.PaymentIntentId}, {Money(paid.AmountTotal, paid.Currency)}) was made for this invoice, " +
                    $"already paid by {receipt.PaymentIntentId}. Refund it in Stripe.");
                session.Store(invoice);
                return effect with { Outcome = WebhookOutcome.NeedsAttention, Error = "A second payment was made for an invoice already paid." };
            }
            case InvoiceStatus.Void:
                Anomaly(invoice, PaymentAnomalyKind.PaidAfterVoid, eventId, now,
                    $"Paid ({paid.PaymentIntentId}, {Money(paid.AmountTotal, paid.Currency)}) after the order was cancelled. Refund it in Stripe.");
                session.Store(invoice);
                return effect with { Outcome = WebhookOutcome.NeedsAttention, Error = "Paid after the order was cancelled." };
        }

        if (paid.AmountTotal != invoice.GrossPence || !string.Equals(paid.Currency, "gbp", StringComparison.OrdinalIgnoreCase))
        {
            Anomaly(invoice, PaymentAnomalyKind.AmountMismatch, eventId, now,
                $"Stripe reported {Money(paid.AmountTotal, paid.Currency)} for session {paid.Id}; the invoice total is {Vat.Pounds(invoice.GrossPence)} GBP. No receipt was issued.");
            session.Store(invoice);
            return effect with { Outcome = WebhookOutcome.AmountMismatch };
        }

        // As late as possible: the counter row stays locked until this transaction commits.
        var year = London.ToLocal(now).Year;
        var sequence = await NumberSeries.NextAsync(
            session, BillingModule.Schema, YearlySeries.SeriesName(Receipt.NumberPrefix, year), YearlySeries.MaxPerYear, ct);
        var issued = new Receipt
        {
            Id = Guid.NewGuid(),
            Number = YearlySeries.Format(Receipt.NumberPrefix, year, sequence),
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
        session.Insert(issued);
        invoice.TryMarkPaid(paidAt, now, out var pdf);

        effect.Messages.Add(new PaymentConfirmed(
            invoice.OrderId, invoice.OrderNumber, invoice.Number, issued.Number, invoice.CustomerId, invoice.Buyer.Email, invoice.Buyer.Name,
            issued.AmountPence, issued.Currency, paidAt,
            invoice.Lines.Select(l => new PaidLine(l.ProductId, l.Sku, l.Name, l.IsLicensed, l.Quantity)).ToList()));
        effect.Messages.Add(new RenderReceiptPdf(issued.Id));
        effect.Messages.Add(new RenderInvoicePdf(invoice.Id, pdf!.Revision));

        if (invoice.EarlyRefund is { } early)
        {
            // Stripe reported the refund first: it follows the confirmation it was waiting for.
            await CompleteRefundAsync(invoice, issued, early.EventId, early.AmountPence, null, early.At, effect.Messages);
            invoice.EarlyRefund = null;
        }
        session.Store(invoice);
        return effect;
    }

    private async Task<EventEffect> AwaitAsyncPaymentAsync(Session pending)
    {
        var found = await LockInvoiceOfSessionAsync(pending);
        if (found is not var (invoice, record))
            return EventEffect.Of(WebhookOutcome.NeedsAttention, OrderNumberOf(pending.Metadata), error: "No invoice matches this session");
        if (record is not null && record.TryMove(CheckoutSessionStatus.AwaitingAsyncPayment))
        {
            record.PaymentIntentId = pending.PaymentIntentId;
            session.Store(record);
        }
        return EventEffect.Of(WebhookOutcome.NoChange, invoice.OrderNumber, invoice.Number);
    }

    private async Task<EventEffect> AttemptFailedAsync(Session failed, DateTimeOffset at)
    {
        var found = await LockInvoiceOfSessionAsync(failed);
        if (found is not var (invoice, record))
            return EventEffect.Of(WebhookOutcome.NeedsAttention, OrderNumberOf(failed.Metadata), error: "No invoice matches this session");
        var changed = record is null || record.TryMove(CheckoutSessionStatus.PaymentFailed);
        if (record is not null && changed) session.Store(record);

        var effect = EventEffect.Of(changed ? WebhookOutcome.Processed : WebhookOutcome.NoChange, invoice.OrderNumber, invoice.Number);
        if (changed && invoice.Status == InvoiceStatus.Issued)
            effect.Messages.Add(new PaymentAttemptFailed(invoice.OrderId, invoice.OrderNumber, "Failed", at));
        return effect;
    }

    private async Task<EventEffect> ExpiredAsync(Session expired, DateTimeOffset at)
    {
        var found = await LockInvoiceOfSessionAsync(expired);
        if (found is not var (invoice, record))
            return EventEffect.Of(WebhookOutcome.NeedsAttention, OrderNumberOf(expired.Metadata), error: "No invoice matches this session");
        var changed = record is null || record.TryMove(CheckoutSessionStatus.Expired);
        if (record is not null && changed) session.Store(record);

        var effect = EventEffect.Of(changed ? WebhookOutcome.Processed : WebhookOutcome.NoChange, invoice.OrderNumber, invoice.Number);
        var now = clock.GetUtcNow();
        var anotherOpen = (await session.Query<CheckoutSessionRecord>()
                .Where(s => s.InvoiceId == invoice.Id && s.Id != expired.Id && s.Status == CheckoutSessionStatus.Open)
                .ToListAsync(ct))
            .Any(s => s.ExpiresAt > now);
        if (changed && invoice.Status == InvoiceStatus.Issued && !anotherOpen)
            effect.Messages.Add(new PaymentAttemptFailed(invoice.OrderId, invoice.OrderNumber, "Expired", at));
        return effect;
    }

    private async Task<EventEffect> RefundedAsync(Charge charge, string eventId, DateTimeOffset at)
    {
        if (!charge.Refunded)
            return EventEffect.Of(WebhookOutcome.NoChange, OrderNumberOf(charge.Metadata), InvoiceNumberOf(charge.Metadata),
                "Partial refunds are not supported: nothing was changed.");

        var orderId = await OrderOfChargeAsync(charge);
        if (orderId is not { } id)
            return EventEffect.Of(WebhookOutcome.NeedsAttention, OrderNumberOf(charge.Metadata), error: "No invoice matches this refund");

        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, id, ct);
        var invoice = await session.Query<Invoice>().FirstAsync(i => i.OrderId == id, ct);
        var effect = EventEffect.Of(WebhookOutcome.Processed, invoice.OrderNumber, invoice.Number);
        var refundId = charge.Refunds?.Data?.FirstOrDefault()?.Id;

        switch (invoice.Status)
        {
            case InvoiceStatus.Paid:
            {
                var receipt = await session.Query<Receipt>().FirstAsync(r => r.OrderId == id, ct);
                return await CompleteRefundAsync(invoice, receipt, eventId, charge.AmountRefunded, refundId, at, effect.Messages)
                    ? effect
                    : effect with { Outcome = WebhookOutcome.NoChange };
            }
            case InvoiceStatus.Issued:
                if (invoice.EarlyRefund is not null)
                    return effect with { Outcome = WebhookOutcome.NoChange };
                invoice.EarlyRefund = new EarlyRefund { EventId = eventId, ChargeId = charge.Id, AmountPence = charge.AmountRefunded, At = at };
                session.Store(invoice);
                return effect;
            default:
                // Paid after the order was cancelled, then refunded in Stripe's dashboard: no receipt, no
                // PaymentRefunded (nothing was granted), but the refund is kept for the admin page.
                return await CompleteRefundAsync(invoice, null, eventId, charge.AmountRefunded, refundId, at, effect.Messages)
                    ? effect
                    : effect with { Outcome = WebhookOutcome.NoChange };
        }
    }

    /// <summary>Marks the order's refund Completed (creating it if it was made in Stripe). False if it already was.</summary>
    private async Task<bool> CompleteRefundAsync(
        Invoice invoice, Receipt? receipt, string eventId, long amountPence, string? stripeRefundId, DateTimeOffset at,
        OutgoingMessages messages)
    {
        var refund = await session.Query<Refund>().FirstOrDefaultAsync(r => r.OrderId == invoice.OrderId, ct);
        if (refund is { Status: RefundStatus.Completed })
            return false;

        refund ??= new Refund
        {
            Id = Guid.NewGuid(),
            OrderId = invoice.OrderId,
            OrderNumber = invoice.OrderNumber,
            InvoiceNumber = invoice.Number,
            AmountPence = amountPence,
        };
        refund.ReceiptNumber = receipt?.Number ?? "";
        refund.StripeRefundId ??= stripeRefundId;
        refund.Status = RefundStatus.Completed;
        refund.CompletedAt = at;
        refund.CompletedByEventId = eventId;
        session.Store(refund);

        if (receipt is not null)
            messages.Add(new PaymentRefunded(
                invoice.OrderId, invoice.OrderNumber, invoice.Number, receipt.Number, invoice.CustomerId, refund.AmountPence,
                receipt.PaidAt, at));
        return true;
    }

    /// <summary>
    /// The invoice of a session (by its metadata, else by the session recorded when it was made),
    /// locked, with the session's record. Null if no invoice matches.
    /// </summary>
    private async Task<(Invoice Invoice, CheckoutSessionRecord? Record)?> LockInvoiceOfSessionAsync(Session checkout)
    {
        Guid? orderId = null;
        var invoiceNumber = InvoiceNumberOf(checkout.Metadata);
        if (invoiceNumber is not null)
            orderId = await OrderOfInvoiceAsync(invoiceNumber);
        if (orderId is null)
        {
            var invoiceIds = await session.Query<CheckoutSessionRecord>().Where(r => r.Id == checkout.Id).Select(r => r.InvoiceId).ToListAsync(ct);
            if (invoiceIds.Count > 0)
            {
                var orderIds = await session.Query<Invoice>().Where(i => i.Id == invoiceIds[0]).Select(i => i.OrderId).ToListAsync(ct);
                orderId = orderIds.Count > 0 ? orderIds[0] : null;
            }
        }
        if (orderId is not { } id)
            return null;

        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, id, ct);
        var invoice = await session.Query<Invoice>().FirstAsync(i => i.OrderId == id, ct);
        var record = await session.LoadAsync<CheckoutSessionRecord>(checkout.Id, ct);
        return (invoice, record is not null && record.InvoiceId == invoice.Id ? record : null);
    }

    /// <summary>The order of a refunded charge: by its receipt, else the invoice in its metadata, else in its PaymentIntent's.</summary>
    private async Task<Guid?> OrderOfChargeAsync(Charge charge)
    {
        if (!string.IsNullOrEmpty(charge.PaymentIntentId))
        {
            var byReceipt = await session.Query<Receipt>().Where(r => r.PaymentIntentId == charge.PaymentIntentId)
                .Select(r => r.OrderId).ToListAsync(ct);
            if (byReceipt.Count > 0) return byReceipt[0];
        }
        if (InvoiceNumberOf(charge.Metadata) is { } number && await OrderOfInvoiceAsync(number) is { } byMetadata)
            return byMetadata;
        if (string.IsNullOrEmpty(charge.PaymentIntentId))
            return null;
        var intent = await stripe.GetPaymentIntentAsync(charge.PaymentIntentId, withLatestCharge: false, ct);
        return InvoiceNumberOf(intent.Metadata) is { } fromIntent ? await OrderOfInvoiceAsync(fromIntent) : null;
    }

    private async Task<Guid?> OrderOfInvoiceAsync(string invoiceNumber)
    {
        var ids = await session.Query<Invoice>().Where(i => i.Number == invoiceNumber).Select(i => i.OrderId).ToListAsync(ct);
        return ids.Count > 0 ? ids[0] : null;
    }

    private static void Anomaly(Invoice invoice, PaymentAnomalyKind kind, string eventId, DateTimeOffset at, string detail) =>
        invoice.Anomalies.Add(new PaymentAnomaly { At = at, Kind = kind, Detail = detail, EventId = eventId });

    private static string Money(long? amount, string? currency) =>
        (currency ?? "").Equals("gbp", StringComparison.OrdinalIgnoreCase)
            ? Vat.Pounds(amount ?? 0) + " GBP"
            : $"{(amount ?? 0) / 100m:0.00} {(currency ?? "?").ToUpperInvariant()}";

    private static string? InvoiceNumberOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("invoice_number", out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim().ToUpperInvariant()
            : null;

    private static string? OrderNumberOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("order_number", out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim().ToUpperInvariant()
            : null;
}
