using System.Text.Encodings.Web;
using System.Text.Unicode;
using Marten;
using Microsoft.Extensions.Options;
using PrimeTech.Billing.Pdf;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Contracts;
using Wolverine;

namespace PrimeTech.Billing.CreditNotes;

/// <summary>Render a new credit note's PDF, store it and email it to the customer (Billing-internal, asynchronous).</summary>
public sealed record RenderCreditNotePdf(Guid CreditNoteId);

/// <summary>
/// Under the credit note's lock: renders the PDF, marks it rendered and hands it to Storage and to
/// the customer's email (the PDF attached), both through the durable outbox, in one transaction. A
/// credit note already rendered is left alone, so a redelivered message sends no second email.
/// </summary>
public static class RenderCreditNotePdfHandler
{
    public static async Task<OutgoingMessages> Handle(
        RenderCreditNotePdf command, IDocumentSession session, IOptions<SiteOptions> site, TimeProvider clock, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        await TransactionLock.AcquireAsync(session, AnnounceCreditNoteHandler.LockScope, command.CreditNoteId, ct);
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
        messages.Add(Email(note, site.Value, pdf));
        return messages;
    }

    // Encodes markup characters but keeps £ and — readable.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static OutgoingEmail Email(CreditNote note, SiteOptions site, byte[] pdf)
    {
        var link = site.Absolute($"/account/orders/{note.OrderNumber}");
        var amount = Vat.Pounds(note.GrossPence);
        var text = $"""
            Hello {note.Buyer.Name},

            We have refunded {amount} of order {note.OrderNumber} to your card.
            Credit note {note.CreditNoteWords()} is attached to this email.

            You can see your order, and download its invoice, receipt and credit notes, at:
            {link}

            Prime Tech Services
            """;
        var html = Html;
        var htmlBody = $"""
            <p>Hello {html.Encode(note.Buyer.Name)},</p>
            <p>We have refunded {html.Encode(amount)} of order {html.Encode(note.OrderNumber)} to your card.
            Credit note {html.Encode(note.CreditNoteWords())} is attached to this email.</p>
            <p>You can see your order, and download its invoice, receipt and credit notes, at:<br><a href="{html.Encode(link)}">{html.Encode(link)}</a></p>
            <p>Prime Tech Services</p>
            """;
        return new OutgoingEmail(note.Buyer.Email, $"Credit note {note.Number} for order {note.OrderNumber}", text, htmlBody,
            [new EmailAttachment(note.FileName(), "application/pdf", pdf)]);
    }
}
