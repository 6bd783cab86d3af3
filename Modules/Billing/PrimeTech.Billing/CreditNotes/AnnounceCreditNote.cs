using PrimeTech.Billing.Payments;

namespace PrimeTech.Billing.CreditNotes;

/// <summary>Tell the other modules about a new credit note, now that it has its number (Billing-internal, asynchronous).</summary>
public sealed record AnnounceCreditNote(Guid CreditNoteId);

/// <summary>
/// Sends CreditNoteIssued (and PaymentRefunded when the credit note leaves nothing to refund)
/// through the durable outbox, once per credit note (its version makes a second announcement at once
/// run again and find it announced): the webhook's transaction numbered it in its last statement,
/// so the number travels from here.
/// </summary>
public static class AnnounceCreditNoteHandler
{
    public static async Task<OutgoingMessages> Handle(AnnounceCreditNote command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var note = await session.LoadAsync<CreditNote>(command.CreditNoteId, ct);
        if (note is null || note.AnnouncedAt is not null)
            return messages;
        if (CreditNoteNumbers.IsPending(note))
            throw new InvalidOperationException($"Credit note {note.Id} was committed without its number.");

        var receipt = await session.Query<Receipt>().FirstAsync(r => r.OrderId == note.OrderId, ct);
        messages.AddRange(PaymentRules.Announcements(note, receipt));
        note.AnnouncedAt = clock.GetUtcNow();
        session.Store(note);
        return messages;
    }
}
