using Microsoft.Extensions.Options;
using PrimeTech.Billing.Documents;
using PrimeTech.Billing.Pdf;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.Invoices;

/// <summary>Render one PDF revision of an invoice (Billing-internal, asynchronous).</summary>
public sealed record RenderInvoicePdf(Guid InvoiceId, int Revision);

/// <summary>
/// Renders the revision's PDF and hands the bytes to Storage through the durable outbox; Storage
/// answers with <see cref="GeneratedDocumentStored"/>. A revision already stored is left alone.
/// </summary>
public static class RenderInvoicePdfHandler
{
    public static async Task<StoreGeneratedDocument?> Handle(RenderInvoicePdf command, IDocumentSession session, CancellationToken ct)
    {
        var invoice = await session.LoadAsync<Invoice>(command.InvoiceId, ct);
        var pdf = invoice?.Pdfs.SingleOrDefault(p => p.Revision == command.Revision);
        if (invoice is null || pdf is null || pdf.StoredAt is not null)
            return null;

        var bytes = InvoicePdfDocument.Render(invoice, pdf.StatusShown);
        return new StoreGeneratedDocument(
            pdf.DocumentId, DocumentPurposes.InvoicePdf, invoice.FileName(), "application/pdf", bytes, invoice.CustomerId);
    }
}

/// <summary>
/// Records where Storage put an invoice PDF revision, a receipt PDF or a credit note PDF, and in the
/// same transaction cascades the email that carries it (<see cref="BillingDocumentEmail"/>): the
/// invoice's first revision (issued at checkout, awaiting payment), every receipt and every credit
/// note. A report of a PDF already recorded changes nothing and sends nothing, so redeliveries send
/// no second email; the document's version makes a report racing another writer run again on its result.
/// </summary>
public static class GeneratedDocumentStoredHandler
{
    public static async Task<OutgoingMessages> Handle(
        GeneratedDocumentStored stored, IDocumentSession session, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var email = stored.Purpose switch
        {
            DocumentPurposes.InvoicePdf => await InvoicePdfStoredAsync(stored, session, site.Value, ct),
            DocumentPurposes.ReceiptPdf => await ReceiptPdfStoredAsync(stored, session, site.Value, ct),
            DocumentPurposes.CreditNotePdf => await CreditNotePdfStoredAsync(stored, session, site.Value, ct),
            _ => null,
        };
        if (email is not null)
            messages.Add(email);
        return messages;
    }

    private static async Task<OutgoingEmail?> InvoicePdfStoredAsync(
        GeneratedDocumentStored stored, IDocumentSession session, SiteOptions site, CancellationToken ct)
    {
        var invoice = await DocumentsByPdf.Invoice(session, stored.DocumentId).FirstOrDefaultAsync(ct);
        if (invoice is null)
            return null;

        var pdf = invoice.Pdfs.Single(p => p.DocumentId == stored.DocumentId);
        if (pdf.StoredAt is not null)
            return null;

        pdf.StoredAt = stored.StoredAt;
        pdf.Bucket = stored.Bucket;
        pdf.ObjectKey = stored.ObjectKey;
        pdf.SizeBytes = stored.SizeBytes;
        pdf.Sha256 = stored.Sha256;
        session.Store(invoice);
        return pdf.Revision == 1 && pdf.StatusShown == InvoiceStatus.Issued ? BillingDocumentEmail.Invoice(invoice, stored, site) : null;
    }

    private static async Task<OutgoingEmail?> ReceiptPdfStoredAsync(
        GeneratedDocumentStored stored, IDocumentSession session, SiteOptions site, CancellationToken ct)
    {
        var receipt = await DocumentsByPdf.Receipt(session, stored.DocumentId).FirstOrDefaultAsync(ct);
        if (receipt is null || receipt.Pdf.StoredAt is not null)
            return null;

        receipt.Pdf.StoredAt = stored.StoredAt;
        receipt.Pdf.Bucket = stored.Bucket;
        receipt.Pdf.ObjectKey = stored.ObjectKey;
        receipt.Pdf.SizeBytes = stored.SizeBytes;
        receipt.Pdf.Sha256 = stored.Sha256;
        session.Store(receipt);
        var invoice = await session.Query<Invoice>().FirstAsync(i => i.Number == receipt.InvoiceNumber, ct);
        return BillingDocumentEmail.Receipt(receipt, invoice, stored, site);
    }

    private static async Task<OutgoingEmail?> CreditNotePdfStoredAsync(
        GeneratedDocumentStored stored, IDocumentSession session, SiteOptions site, CancellationToken ct)
    {
        var note = await DocumentsByPdf.CreditNote(session, stored.DocumentId).FirstOrDefaultAsync(ct);
        if (note is null || note.Pdf.StoredAt is not null)
            return null;

        note.Pdf.StoredAt = stored.StoredAt;
        note.Pdf.Bucket = stored.Bucket;
        note.Pdf.ObjectKey = stored.ObjectKey;
        note.Pdf.SizeBytes = stored.SizeBytes;
        note.Pdf.Sha256 = stored.Sha256;
        session.Store(note);
        return BillingDocumentEmail.CreditNote(note, stored, site);
    }
}
