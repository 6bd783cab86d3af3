using Marten;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Billing.Invoices;

/// <summary>
/// A cancelled order's invoice becomes Void: it keeps its number and stays listed, and a new PDF
/// revision says "Void". If the invoice does not exist yet, the cancellation is remembered so the
/// invoice is issued already void.
/// </summary>
public static class OrderCancelledHandler
{
    public static async Task<RenderInvoicePdf?> Handle(OrderCancelled cancelled, IDocumentSession session, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, cancelled.OrderId, ct);

        var invoice = await session.Query<Invoice>().FirstOrDefaultAsync(i => i.OrderId == cancelled.OrderId, ct);
        if (invoice is null)
        {
            session.Store(new CancelledBeforeInvoice { Id = cancelled.OrderId, CancelledAt = cancelled.CancelledAt });
            return null;
        }

        if (!invoice.TryVoid(cancelled.CancelledAt, out var pdf))
            return null;
        session.Store(invoice);
        return new RenderInvoicePdf(invoice.Id, pdf!.Revision);
    }
}
