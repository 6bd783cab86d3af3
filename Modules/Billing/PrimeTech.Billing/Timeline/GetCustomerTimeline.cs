using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.Payments;
using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Timeline;

namespace PrimeTech.Billing.Timeline;

/// <summary>
/// The customer's invoices, receipts and credit notes, newest first: one batched round trip of three
/// queries, each on its customer index (<c>ix_invoice_customer_id</c>, <c>ix_receipt_customer_id</c>,
/// <c>ix_credit_note_customer_id</c>). Documents still waiting for their number are left out.
/// </summary>
public static class GetCustomerTimelineHandler
{
    public static async Task<CustomerTimeline> Handle(GetCustomerTimeline query, IQuerySession session, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var invoices = batch.Query<Invoice>().Where(i => i.CustomerId == query.CustomerId)
            .OrderByDescending(i => i.IssuedAt).Take(query.Limit + 1).ToList();
        var receipts = batch.Query<Receipt>().Where(r => r.CustomerId == query.CustomerId)
            .OrderByDescending(r => r.IssuedAt).Take(query.Limit + 1).ToList();
        var creditNotes = batch.Query<CreditNote>().Where(c => c.CustomerId == query.CustomerId)
            .OrderByDescending(c => c.IssuedAt).Take(query.Limit + 1).ToList();
        await batch.Execute(ct);

        var entries = (await invoices).Select(i => new TimelineEntry(
                i.IssuedAt, TimelineKinds.Invoice, $"Invoice {i.Number} issued", $"{Vat.Pounds(i.GrossPence)} · now {i.Status}", i.Number,
                $"/admin/orders/{i.OrderNumber}/invoice"))
            .Concat((await receipts).Where(r => !ReceiptNumbers.IsPending(r)).Select(r => new TimelineEntry(
                r.IssuedAt, TimelineKinds.Receipt, $"Receipt {r.Number} issued", $"{Vat.Pounds(r.AmountPence)} paid", r.Number,
                $"/admin/orders/{r.OrderNumber}/receipt")))
            .Concat((await creditNotes).Where(c => !CreditNoteNumbers.IsPending(c)).Select(c => new TimelineEntry(
                c.IssuedAt, TimelineKinds.CreditNote, $"Credit note {c.Number} issued", $"{Vat.Pounds(c.GrossPence)} credited on {c.InvoiceNumber}",
                c.Number, $"/admin/orders/{c.OrderNumber}")));
        return CustomerTimeline.Newest(entries, query.Limit);
    }
}
