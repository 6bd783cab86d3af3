using Marten;
using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Payments;
using PrimeTech.Billing.Webhooks;

namespace PrimeTech.Billing.Invoices;

/// <summary>
/// What Billing holds for an order: its invoice and receipt (and whether their PDFs can be
/// downloaded), its Checkout Sessions, its refund, payment anomalies, and the Stripe events that
/// concerned it, newest first.
/// </summary>
public static class GetOrderBillingRecordHandler
{
    public static async Task<BillingRecord> Handle(GetOrderBillingRecord query, IDocumentSession session, CancellationToken ct)
    {
        var invoice = await session.Query<Invoice>().FirstOrDefaultAsync(i => i.OrderId == query.OrderId, ct);
        if (invoice is null)
            return new BillingRecord(null, null, [], null, [], []);

        var receipt = await session.Query<Receipt>().FirstOrDefaultAsync(r => r.OrderId == query.OrderId, ct);
        var refund = await session.Query<Refund>().FirstOrDefaultAsync(r => r.OrderId == query.OrderId, ct);
        var sessions = await session.Query<CheckoutSessionRecord>().Where(s => s.InvoiceId == invoice.Id)
            .OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
        var events = await session.Query<StripeWebhookEvent>().Where(e => e.OrderNumber == invoice.OrderNumber)
            .OrderByDescending(e => e.ReceivedAt).Take(100).ToListAsync(ct);

        return new BillingRecord(
            new InvoiceRecord(
                invoice.Number, invoice.Status.ToString(), invoice.IssuedAt, invoice.PaidAt, invoice.VoidedAt,
                invoice.NetPence, invoice.VatPence, invoice.GrossPence, invoice.LatestStoredPdf() is not null),
            receipt is null
                ? null
                : new ReceiptRecord(receipt.Number, receipt.IssuedAt, receipt.PaidAt, receipt.AmountPence, receipt.CardBrand, receipt.CardLast4,
                    receipt.PaymentIntentId, receipt.Pdf.StoredAt is not null),
            sessions.Select(s => new CheckoutSessionSummary(s.Id, s.Status.ToString(), s.CreatedAt, s.ExpiresAt)).ToList(),
            refund is null
                ? null
                : new RefundRecord(refund.Status.ToString(), refund.StripeRefundId, refund.AmountPence, refund.Reason, refund.RequestedAt,
                    refund.RequestedBy, refund.CompletedAt),
            invoice.Anomalies.Select(a => new PaymentAnomalyRecord(a.At, a.Kind.ToString(), a.Detail, a.EventId)).ToList(),
            events.Select(e => new WebhookEventReference(e.Id, e.Type, e.ReceivedAt, e.Outcome.ToString())).ToList());
    }
}
