using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Billing.Payments;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Billing.Invoices;

/// <summary>
/// A cancelled order's invoice becomes Void: it keeps its number and stays listed, and a new PDF
/// revision says "Void". Its open Checkout Sessions are expired at Stripe so they cannot be paid
/// any more. If the invoice does not exist yet, the cancellation is remembered so the invoice is
/// issued already void.
/// </summary>
public static class OrderCancelledHandler
{
    public static async Task<OutgoingMessages> Handle(OrderCancelled cancelled, IDocumentSession session, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, cancelled.OrderId, ct);

        var invoice = await session.Query<Invoice>().FirstOrDefaultAsync(i => i.OrderId == cancelled.OrderId, ct);
        if (invoice is null)
        {
            session.Store(new CancelledBeforeInvoice { Id = cancelled.OrderId, CancelledAt = cancelled.CancelledAt });
            return messages;
        }

        if (!invoice.TryVoid(cancelled.CancelledAt, out var pdf))
            return messages;
        session.Store(invoice);
        messages.Add(new RenderInvoicePdf(invoice.Id, pdf!.Revision));

        var open = await session.Query<CheckoutSessionRecord>()
            .Where(s => s.InvoiceId == invoice.Id && s.Status == CheckoutSessionStatus.Open)
            .Select(s => s.Id)
            .ToListAsync(ct);
        messages.AddRange(open.Select(id => new ExpireCheckoutSession(id)));
        return messages;
    }
}
