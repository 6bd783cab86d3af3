using Marten;
using PrimeTech.Billing.Contracts;

namespace PrimeTech.Billing.Invoices;

/// <summary>What Billing holds for an order: its invoice (status, amounts, whether its PDF can be downloaded).</summary>
public static class GetOrderBillingRecordHandler
{
    public static async Task<BillingRecord> Handle(GetOrderBillingRecord query, IDocumentSession session, CancellationToken ct)
    {
        var invoice = await session.Query<Invoice>().FirstOrDefaultAsync(i => i.OrderId == query.OrderId, ct);
        return new BillingRecord(invoice is null
            ? null
            : new InvoiceRecord(
                invoice.Number, invoice.Status.ToString(), invoice.IssuedAt, invoice.PaidAt, invoice.VoidedAt,
                invoice.NetPence, invoice.VatPence, invoice.GrossPence, invoice.LatestStoredPdf() is not null));
    }
}
