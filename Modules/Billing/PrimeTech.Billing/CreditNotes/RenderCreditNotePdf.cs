using Microsoft.Extensions.Options;
using PrimeTech.Billing.Documents;
using PrimeTech.Billing.Pdf;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.CreditNotes;

/// <summary>Render a new credit note's PDF, store it and email it (Billing-internal, asynchronous).</summary>
public sealed record RenderCreditNotePdf(Guid CreditNoteId);

/// <summary>
/// Renders the PDF and has Storage keep it (<see cref="StoredPdfs"/>, no transaction open), then in one
/// transaction on the credit note's version records where it is and cascades the email that carries it.
/// A credit note already rendered is left alone, so a redelivered message sends no second email.
/// </summary>
public static class RenderCreditNotePdfHandler
{
    public static async Task<OutgoingMessages> Handle(
        RenderCreditNotePdf command, IDocumentSession session, IGeneratedDocumentStorage storage, TimeProvider clock,
        IOptions<SiteOptions> site, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var rendered = await session.LoadAsync<CreditNote>(command.CreditNoteId, ct);
        if (rendered is null || rendered.Pdf.RenderedAt is not null)
            return messages;
        if (CreditNoteNumbers.IsPending(rendered))
            throw new InvalidOperationException($"Credit note {rendered.Id} was committed without its number.");
        var stored = await StoredPdfs.StoreAsync(storage, rendered.Pdf, DocumentPurposes.CreditNotePdf, rendered.FileName(),
            CreditNotePdfDocument.Render(rendered), rendered.CustomerId, ct);

        // Read again for the write, as the receipt does: another writer may have updated it meanwhile.
        var note = await session.LoadAsync<CreditNote>(command.CreditNoteId, ct);
        if (note!.Pdf.RenderedAt is not null)
            return messages;
        note.Pdf.RenderedAt = clock.GetUtcNow();
        note.Pdf.RecordStored(stored);
        session.Store(note);
        messages.Add(BillingDocumentEmail.CreditNote(note, stored, site.Value));
        return messages;
    }
}
