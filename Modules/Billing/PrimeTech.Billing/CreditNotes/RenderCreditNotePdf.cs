using PrimeTech.Billing.Pdf;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.CreditNotes;

/// <summary>Render a new credit note's PDF and store it; the email follows once it is stored (Billing-internal, asynchronous).</summary>
public sealed record RenderCreditNotePdf(Guid CreditNoteId);

/// <summary>
/// Renders the PDF, marks it rendered and hands it to Storage through the durable outbox, in one
/// transaction on the credit note's version; the email that attaches it is sent when Storage reports
/// it stored. A credit note already rendered is left alone, so a redelivered message stores nothing twice.
/// </summary>
public static class RenderCreditNotePdfHandler
{
    public static async Task<OutgoingMessages> Handle(
        RenderCreditNotePdf command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var note = await session.LoadAsync<CreditNote>(command.CreditNoteId, ct);
        if (note is null || note.Pdf.RenderedAt is not null)
            return messages;
        if (CreditNoteNumbers.IsPending(note))
            throw new InvalidOperationException($"Credit note {note.Id} was committed without its number.");

        var pdf = CreditNotePdfDocument.Render(note);
        note.Pdf.RenderedAt = clock.GetUtcNow();
        session.Store(note);

        messages.Add(new StoreGeneratedDocument(
            note.Pdf.DocumentId, DocumentPurposes.CreditNotePdf, note.FileName(), "application/pdf", pdf, note.CustomerId));
        return messages;
    }
}
