using PrimeTech.BuildingBlocks.Persistence;
using Marten;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Payments;
using PrimeTech.Billing.Pdf;
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

/// <summary>Records where Storage put an invoice PDF revision, a receipt PDF or a credit note PDF.</summary>
public static class GeneratedDocumentStoredHandler
{
    public static Task Handle(GeneratedDocumentStored stored, IDocumentSession session, CancellationToken ct) => stored.Purpose switch
    {
        DocumentPurposes.InvoicePdf => InvoicePdfStoredAsync(stored, session, ct),
        DocumentPurposes.ReceiptPdf => ReceiptPdfStoredAsync(stored, session, ct),
        DocumentPurposes.CreditNotePdf => CreditNotePdfStoredAsync(stored, session, ct),
        _ => Task.CompletedTask,
    };

    private static async Task InvoicePdfStoredAsync(GeneratedDocumentStored stored, IDocumentSession session, CancellationToken ct)
    {
        var orderId = await session.Query<Invoice>()
            .Where(i => i.Pdfs.Any(p => p.DocumentId == stored.DocumentId))
            .Select(i => i.OrderId)
            .FirstOrDefaultAsync(ct);
        if (orderId == Guid.Empty)
            return;

        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, orderId, ct);
        var invoice = await session.Query<Invoice>().FirstAsync(i => i.OrderId == orderId, ct);
        var pdf = invoice.Pdfs.Single(p => p.DocumentId == stored.DocumentId);
        if (pdf.StoredAt is not null)
            return;

        pdf.StoredAt = stored.StoredAt;
        pdf.Bucket = stored.Bucket;
        pdf.ObjectKey = stored.ObjectKey;
        pdf.SizeBytes = stored.SizeBytes;
        pdf.Sha256 = stored.Sha256;
        session.Store(invoice);
    }

    private static async Task ReceiptPdfStoredAsync(GeneratedDocumentStored stored, IDocumentSession session, CancellationToken ct)
    {
        var receiptId = await session.Query<Receipt>()
            .Where(r => r.Pdf.DocumentId == stored.DocumentId)
            .Select(r => r.Id)
            .FirstOrDefaultAsync(ct);
        if (receiptId == Guid.Empty)
            return;

        await TransactionLock.AcquireAsync(session, RenderReceiptPdfHandler.LockScope, receiptId, ct);
        var receipt = await session.LoadAsync<Receipt>(receiptId, ct);
        if (receipt is null || receipt.Pdf.StoredAt is not null)
            return;

        receipt.Pdf.StoredAt = stored.StoredAt;
        receipt.Pdf.Bucket = stored.Bucket;
        receipt.Pdf.ObjectKey = stored.ObjectKey;
        receipt.Pdf.SizeBytes = stored.SizeBytes;
        receipt.Pdf.Sha256 = stored.Sha256;
        session.Store(receipt);
    }

    private static async Task CreditNotePdfStoredAsync(GeneratedDocumentStored stored, IDocumentSession session, CancellationToken ct)
    {
        var noteId = await session.Query<CreditNote>()
            .Where(c => c.Pdf.DocumentId == stored.DocumentId)
            .Select(c => c.Id)
            .FirstOrDefaultAsync(ct);
        if (noteId == Guid.Empty)
            return;

        await TransactionLock.AcquireAsync(session, AnnounceCreditNoteHandler.LockScope, noteId, ct);
        var note = await session.LoadAsync<CreditNote>(noteId, ct);
        if (note is null || note.Pdf.StoredAt is not null)
            return;

        note.Pdf.StoredAt = stored.StoredAt;
        note.Pdf.Bucket = stored.Bucket;
        note.Pdf.ObjectKey = stored.ObjectKey;
        note.Pdf.SizeBytes = stored.SizeBytes;
        note.Pdf.Sha256 = stored.Sha256;
        session.Store(note);
    }
}
