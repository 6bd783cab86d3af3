using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Payments;
using PrimeTech.Billing.Webhooks;

namespace PrimeTech.Billing.Invoices;

/// <summary>
/// What Billing holds for an order: its invoice and receipt (and whether their PDFs can be
/// downloaded), its Checkout Sessions, its refunds and credit notes, what is left to refund,
/// payment anomalies, and the Stripe events that concerned it, newest first.
/// </summary>
public static class GetOrderBillingRecordHandler
{
    public static async Task<BillingRecord> Handle(GetOrderBillingRecord query, IDocumentSession session, CancellationToken ct)
    {
        var invoice = await session.Query<Invoice>().FirstOrDefaultAsync(i => i.OrderId == query.OrderId, ct);
        if (invoice is null)
            return new BillingRecord(null, null, [], null, [], [], [], [], 0);

        var receipt = await session.Query<Receipt>().FirstOrDefaultAsync(r => r.OrderId == query.OrderId, ct);
        var refunds = await session.Query<Refund>().Where(r => r.OrderId == query.OrderId).ToListAsync(ct);
        var creditNotes = await session.Query<CreditNote>().Where(c => c.OrderId == query.OrderId).OrderBy(c => c.IssuedAt).ToListAsync(ct);
        var sessions = await session.Query<CheckoutSessionRecord>().Where(s => s.InvoiceId == invoice.Id)
            .OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
        var events = await session.Query<StripeWebhookEvent>().Where(e => e.OrderNumber == invoice.OrderNumber)
            .OrderByDescending(e => e.ReceivedAt).Take(100).ToListAsync(ct);

        var refundRecords = refunds.OrderBy(r => r.RequestedAt ?? r.CompletedAt).Select(Record).ToList();
        return new BillingRecord(
            new InvoiceRecord(
                invoice.Number, invoice.Status.ToString(), invoice.IssuedAt, invoice.PaidAt, invoice.VoidedAt,
                invoice.NetPence, invoice.VatPence, invoice.GrossPence, invoice.LatestStoredPdf() is not null),
            receipt is null
                ? null
                : new ReceiptRecord(receipt.Number, receipt.IssuedAt, receipt.PaidAt, receipt.AmountPence, receipt.CardBrand, receipt.CardLast4,
                    receipt.PaymentIntentId, receipt.Pdf.StoredAt is not null),
            sessions.Select(s => new CheckoutSessionSummary(s.Id, s.Status.ToString(), s.CreatedAt, s.ExpiresAt)).ToList(),
            refundRecords.LastOrDefault(),
            invoice.Anomalies.Select(a => new PaymentAnomalyRecord(a.At, a.Kind.ToString(), a.Detail, a.EventId)).ToList(),
            events.Select(e => new WebhookEventReference(e.Id, e.Type, e.ReceivedAt, e.Outcome.ToString())).ToList(),
            refundRecords,
            creditNotes.Where(c => !CreditNoteNumbers.IsPending(c))
                .Select(c => new CreditNoteRecord(c.Number, c.IssuedAt, c.NetPence, c.VatPence, c.GrossPence, c.StripeRefundId, c.Pdf.StoredAt is not null))
                .ToList(),
            receipt is null || invoice.Status != InvoiceStatus.Paid ? 0 : RefundRules.Refundable(invoice.GrossPence, refunds));
    }

    private static RefundRecord Record(Refund refund) =>
        new(refund.Status.ToString(), refund.StripeRefundId, refund.AmountPence, refund.Reason, refund.RequestedAt, refund.RequestedBy,
            refund.CompletedAt, refund.Kind.ToString(),
            refund.Lines.Select(l => new CreditedLine(l.Sku, l.Description, l.Quantity, l.VatRatePercent, l.NetPence, l.VatPence, l.GrossPence)).ToList(),
            refund.LicenceKeys, refund.CreditNoteNumber);
}
