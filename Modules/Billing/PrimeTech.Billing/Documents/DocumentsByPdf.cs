using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.Payments;

namespace PrimeTech.Billing.Documents;

/// <summary>
/// The billing document a storage report (<c>GeneratedDocumentStored</c>) names by its PDF's document
/// id. Each query has an index of its own (D-149), so a report costs one indexed read however many
/// documents there are; a test reads these same queries' plans.
/// </summary>
internal static class DocumentsByPdf
{
    public static IQueryable<Invoice> Invoice(IQuerySession session, Guid documentId) =>
        session.Query<Invoice>().Where(i => i.Pdfs.Any(p => p.DocumentId == documentId));

    public static IQueryable<Receipt> Receipt(IQuerySession session, Guid documentId) =>
        session.Query<Receipt>().Where(r => r.Pdf.DocumentId == documentId);

    public static IQueryable<CreditNote> CreditNote(IQuerySession session, Guid documentId) =>
        session.Query<CreditNote>().Where(c => c.Pdf.DocumentId == documentId);
}
