using PrimeTech.Billing.Invoices;

namespace PrimeTech.Billing.Payments;

/// <summary>Tell the other modules about a new receipt, now that it has its number (Billing-internal, asynchronous).</summary>
public sealed record AnnounceReceipt(Guid ReceiptId);

/// <summary>
/// Sends PaymentConfirmed through the durable outbox, once per receipt (the receipt's version makes
/// a second announcement at once run again and find it announced): the webhook's transaction
/// numbered the receipt in its last statement, so the number travels from here. Refunds Stripe reported before the payment are announced with their credit notes.
/// </summary>
public static class AnnounceReceiptHandler
{
    public static async Task<OutgoingMessages> Handle(AnnounceReceipt command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var receipt = await session.LoadAsync<Receipt>(command.ReceiptId, ct);
        if (receipt is null || receipt.AnnouncedAt is not null)
            return messages;
        if (ReceiptNumbers.IsPending(receipt))
            throw new InvalidOperationException($"Receipt {receipt.Id} was committed without its number.");

        var invoice = await session.Query<Invoice>().FirstAsync(i => i.OrderId == receipt.OrderId, ct);
        messages.Add(PaymentRules.Announcement(receipt, invoice));
        receipt.AnnouncedAt = clock.GetUtcNow();
        session.Store(receipt);
        return messages;
    }
}
