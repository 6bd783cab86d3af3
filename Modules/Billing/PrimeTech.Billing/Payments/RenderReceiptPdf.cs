using PrimeTech.BuildingBlocks.Persistence;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.Pdf;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Contracts;
using Wolverine;

namespace PrimeTech.Billing.Payments;

/// <summary>Render a new receipt's PDF, store it and email it to the customer (Billing-internal, asynchronous).</summary>
public sealed record RenderReceiptPdf(Guid ReceiptId);

/// <summary>
/// Reads the card (brand and last 4) from Stripe when it can — without them if Stripe cannot be
/// reached — before any transaction or lock; then renders the PDF, and in one transaction marks it
/// rendered and hands it to Storage and to the customer's email, both through the durable outbox. A receipt already rendered is left
/// alone, so a redelivered message sends no second email.
/// </summary>
public static class RenderReceiptPdfHandler
{
    public const string LockScope = "billing.receipt";

    public static async Task<OutgoingMessages> Handle(
        RenderReceiptPdf command, IDocumentSession session, StripeGateway stripe, IOptions<SiteOptions> site, TimeProvider clock,
        ILogger<RenderReceiptPdf> logger, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var pending = await session.Query<Receipt>()
            .Where(r => r.Id == command.ReceiptId && r.Pdf.RenderedAt == null)
            .Select(r => r.PaymentIntentId)
            .ToListAsync(ct);
        if (pending.Count == 0)
            return messages;
        // Asked before the transaction begins, so nothing is locked while Stripe answers.
        var card = await CardOfAsync(stripe, pending[0], logger, ct);

        await TransactionLock.AcquireAsync(session, LockScope, command.ReceiptId, ct);
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
        messages.Add(ReceiptEmail(receipt, invoice, site.Value, pdf));
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

    // Encodes markup characters but keeps £ and — readable.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static OutgoingEmail ReceiptEmail(Receipt receipt, Invoice invoice, SiteOptions site, byte[] pdf)
    {
        var link = site.Absolute($"/account/orders/{receipt.OrderNumber}");
        var amount = Vat.Pounds(receipt.AmountPence);
        var text = $"""
            Hello {invoice.Buyer.Name},

            Thank you: we have received your payment of {amount} for order {receipt.OrderNumber}.
            Your receipt {receipt.Number} is attached to this email.

            You can see your order, and download its invoice and receipt, at:
            {link}

            Prime Tech Services
            """;
        var html = Html;
        var htmlBody = $"""
            <p>Hello {html.Encode(invoice.Buyer.Name)},</p>
            <p>Thank you: we have received your payment of {html.Encode(amount)} for order {html.Encode(receipt.OrderNumber)}.
            Your receipt {html.Encode(receipt.Number)} is attached to this email.</p>
            <p>You can see your order, and download its invoice and receipt, at:<br><a href="{html.Encode(link)}">{html.Encode(link)}</a></p>
            <p>Prime Tech Services</p>
            """;
        return new OutgoingEmail(invoice.Buyer.Email, $"Receipt {receipt.Number} for order {receipt.OrderNumber}", text, htmlBody,
            [new EmailAttachment(receipt.FileName(), "application/pdf", pdf)]);
    }
}
