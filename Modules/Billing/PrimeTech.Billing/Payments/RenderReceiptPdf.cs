using Microsoft.Extensions.Logging;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.Pdf;
using PrimeTech.Billing.StripeApi;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.Payments;

/// <summary>Render a new receipt's PDF and store it; once stored it is emailed to the customer (Billing-internal, asynchronous).</summary>
public sealed record RenderReceiptPdf(Guid ReceiptId);

/// <summary>
/// Reads the card (brand and last 4) from Stripe when it can — without them if Stripe cannot be
/// reached — before the transaction begins; then renders the PDF, and in one transaction on the
/// receipt's version marks it rendered and hands it to Storage through the durable outbox (the email follows when Storage has
/// stored it, <see cref="GeneratedDocumentStoredHandler"/>). A receipt already rendered is left alone.
/// </summary>
public static class RenderReceiptPdfHandler
{
    public static async Task<OutgoingMessages> Handle(
        RenderReceiptPdf command, IDocumentSession session, StripeGateway stripe, TimeProvider clock,
        ILogger<RenderReceiptPdf> logger, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var pending = await session.Query<Receipt>()
            .Where(r => r.Id == command.ReceiptId && r.Pdf.RenderedAt == null)
            .Select(r => r.PaymentIntentId)
            .ToListAsync(ct);
        if (pending.Count == 0)
            return messages;
        // Asked before the transaction begins, so no transaction is open while Stripe answers.
        var card = await CardOfAsync(stripe, pending[0], logger, ct);

        var receipt = await session.LoadAsync<Receipt>(command.ReceiptId, ct);
        if (receipt is null || receipt.Pdf.RenderedAt is not null)
            return messages;
        var invoice = await session.Query<Invoice>().FirstAsync(i => i.Number == receipt.InvoiceNumber, ct);
        receipt.CardBrand = card?.Brand;
        receipt.CardLast4 = card?.Last4;

        var pdf = ReceiptPdfDocument.Render(receipt, invoice);
        receipt.Pdf.RenderedAt = clock.GetUtcNow();
        session.Store(receipt);

        messages.Add(new StoreGeneratedDocument(
            receipt.Pdf.DocumentId, DocumentPurposes.ReceiptPdf, receipt.FileName(), "application/pdf", pdf, receipt.CustomerId));
        return messages;
    }

    private static async Task<Stripe.ChargePaymentMethodDetailsCard?> CardOfAsync(
        StripeGateway stripe, string paymentIntentId, ILogger logger, CancellationToken ct)
    {
        try
        {
            var intent = await stripe.GetPaymentIntentAsync(paymentIntentId, withLatestCharge: true, ct);
            return intent.LatestCharge?.PaymentMethodDetails?.Card;
        }
        catch (PaymentProviderException e)
        {
            logger.LogWarning(e.Provider, "Card details for payment {PaymentIntent} could not be read from Stripe; rendering the receipt without them",
                paymentIntentId);
            return null;
        }
    }
}
