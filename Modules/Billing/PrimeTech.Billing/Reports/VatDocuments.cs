using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Invoices;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Billing.Reports;

/// <summary>
/// The documents that count for VAT in a period of London days, as report lines: invoices paid in
/// it (by <c>PaidAt</c>, index <c>ix_invoice_paid_at</c>) and credit notes issued in it (by
/// <c>IssuedAt</c>, index <c>ix_credit_note_issued_at</c>; amounts negative), one line
/// per document and VAT rate, oldest first. One indexed query per kind of document, whatever the
/// number of documents; each document's lines are summed per rate exactly as stored, so the report,
/// the CSV and the revenue page all add up to the documents themselves.
/// </summary>
internal static class VatDocuments
{
    public static async Task<IReadOnlyList<VatReportLine>> LinesAsync(IQuerySession session, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = London.Days(from, to);
        var invoices = await session.Query<Invoice>()
            .Where(i => i.Status == InvoiceStatus.Paid && i.PaidAt >= start && i.PaidAt < end)
            .OrderBy(i => i.PaidAt)
            .Select(i => new { i.Number, i.PaidAt, i.Buyer, i.Lines })
            .ToListAsync(ct);

        var lines = new List<VatReportLine>();
        foreach (var invoice in invoices)
            lines.AddRange(invoice.Lines.GroupBy(l => l.VatRatePercent).OrderByDescending(g => g.Key).Select(g => new VatReportLine(
                VatReportLine.Invoice, invoice.Number, DateOnly.FromDateTime(London.ToLocal(invoice.PaidAt!.Value)), invoice.PaidAt.Value,
                invoice.Buyer.Name, g.Key, g.Sum(l => l.NetPence), g.Sum(l => l.VatPence), g.Sum(l => l.GrossPence))));

        var creditNotes = await session.Query<CreditNote>()
            .Where(c => c.IssuedAt >= start && c.IssuedAt < end)
            .OrderBy(c => c.IssuedAt)
            .ToListAsync(ct);
        foreach (var note in creditNotes.Where(c => !CreditNoteNumbers.IsPending(c)))
            lines.AddRange(note.ByVatRate().Select(rate => new VatReportLine(
                VatReportLine.CreditNote, note.Number, DateOnly.FromDateTime(London.ToLocal(note.IssuedAt)), note.IssuedAt,
                note.Buyer.Name, rate.VatRatePercent, -rate.NetPence, -rate.VatPence, -rate.GrossPence)));

        return lines.OrderBy(l => l.At).ThenBy(l => l.Number, StringComparer.Ordinal).ToList();
    }
}
