using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrimeTech.Billing.Documents;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.Pdf;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.Payments;

/// <summary>Render a new receipt's PDF, store it and email it to the customer (Billing-internal, asynchronous).</summary>
public sealed record RenderReceiptPdf(Guid ReceiptId);

/// <summary>
/// Reads the card (brand and last 4) from Stripe when it can, without them if Stripe cannot be
/// reached, then renders the PDF and has Storage keep it (<see cref="StoredPdfs"/>): both with no
/// transaction open. Then, in one transaction on the receipt's version, records the card and where the
/// PDF is and cascades the email that carries it. A receipt already rendered is left alone.
/// </summary>
public static class RenderReceiptPdfHandler
{
    public static async Task<OutgoingMessages> Handle(
        RenderReceiptPdf command, IDocumentSession session, IGeneratedDocumentStorage storage, StripeGateway stripe, TimeProvider clock,
        IOptions<SiteOptions> site, ILogger<RenderReceiptPdf> logger, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var rendered = await session.LoadAsync<Receipt>(command.ReceiptId, ct);
        if (rendered is null || rendered.Pdf.RenderedAt is not null)
            return messages;
        var card = await CardOfAsync(stripe, rendered.PaymentIntentId, logger, ct);
        var invoice = await session.Query<Invoice>().FirstAsync(i => i.Number == rendered.InvoiceNumber, ct);
        rendered.CardBrand = card?.Brand;
        rendered.CardLast4 = card?.Last4;
        var stored = await StoredPdfs.StoreAsync(storage, rendered.Pdf, DocumentPurposes.ReceiptPdf, rendered.FileName(),
            ReceiptPdfDocument.Render(rendered, invoice), rendered.CustomerId, ct);

        // Read again for the write: the receipt's announcement runs alongside and updates it too.
        var receipt = await session.LoadAsync<Receipt>(command.ReceiptId, ct);
        if (receipt!.Pdf.RenderedAt is not null)
            return messages;
        receipt.CardBrand = rendered.CardBrand;
        receipt.CardLast4 = rendered.CardLast4;
        receipt.Pdf.RenderedAt = clock.GetUtcNow();
        receipt.Pdf.RecordStored(stored);
        session.Store(receipt);
        messages.Add(BillingDocumentEmail.Receipt(receipt, invoice, stored, site.Value));
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
