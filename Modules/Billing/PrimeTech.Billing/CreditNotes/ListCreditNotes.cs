using Marten;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Billing.CreditNotes;

/// <summary>Contract query: credit notes issued in a range of London days (VAT report, customer timeline), oldest first.</summary>
public static class ListCreditNotesHandler
{
    public static async Task<CreditNoteList> Handle(ListCreditNotes query, IQuerySession session, CancellationToken ct)
    {
        var start = London.ToUtc(query.From, TimeOnly.MinValue);
        var end = London.ToUtc((query.To < query.From ? query.From : query.To).AddDays(1), TimeOnly.MinValue);
        var notes = session.Query<CreditNote>().Where(c => c.IssuedAt >= start && c.IssuedAt < end);
        if (query.CustomerId is { } customerId)
            notes = notes.Where(c => c.CustomerId == customerId);
        var found = await notes.OrderBy(c => c.IssuedAt).ThenBy(c => c.Number).ToListAsync(ct);
        return new CreditNoteList(found.Where(c => !CreditNoteNumbers.IsPending(c)).Select(Summary).ToList());
    }

    public static CreditNoteSummary Summary(CreditNote note) =>
        new(note.Number, note.OrderNumber, note.InvoiceNumber, note.CustomerId, note.IssuedAt, note.NetPence, note.VatPence,
            note.GrossPence, note.ByVatRate(), note.Pdf.StoredAt is not null);
}
