using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.Payments;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.Documents;

/// <summary>
/// The email that brings a billing document to the customer's inbox with its PDF attached. It is
/// cascaded once Storage has stored the PDF (<see cref="GeneratedDocumentStored"/>), in the
/// transaction that records where it is, and names the stored object rather than carrying its
/// bytes: the email handler reads the PDF from S3 when it sends, outside any transaction or lock.
/// Every document email (invoice, receipt, and any later one) is composed here.
/// </summary>
public static class BillingDocumentEmail
{
    public const string PdfContentType = "application/pdf";

    // Encodes markup characters but keeps £ and — readable.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The invoice emailed at checkout: what is due and where to pay or download it.</summary>
    public static OutgoingEmail Invoice(Invoice invoice, GeneratedDocumentStored pdf, SiteOptions site) =>
        Compose(invoice.Buyer.Email, invoice.Buyer.Name, $"Invoice {invoice.Number} for order {invoice.OrderNumber}",
            [$"Thank you for your order {invoice.OrderNumber}. Your invoice {invoice.Number} for {Vat.Pounds(invoice.GrossPence)} is attached to this email."],
            "You can see your order, pay it if you have not yet, and download its documents at:",
            site.Absolute($"/account/orders/{invoice.OrderNumber}"), invoice.FileName(), pdf);

    /// <summary>The receipt emailed once the payment is confirmed and its PDF stored.</summary>
    public static OutgoingEmail Receipt(Receipt receipt, Invoice invoice, GeneratedDocumentStored pdf, SiteOptions site) =>
        Compose(invoice.Buyer.Email, invoice.Buyer.Name, $"Receipt {receipt.Number} for order {receipt.OrderNumber}",
            [$"Thank you: we have received your payment of {Vat.Pounds(receipt.AmountPence)} for order {receipt.OrderNumber}.",
             $"Your receipt {receipt.Number} is attached to this email."],
            "You can see your order, and download its invoice and receipt, at:",
            site.Absolute($"/account/orders/{receipt.OrderNumber}"), receipt.FileName(), pdf);

    /// <summary>The credit note emailed once a refund is confirmed by Stripe and its PDF stored.</summary>
    public static OutgoingEmail CreditNote(CreditNote note, GeneratedDocumentStored pdf, SiteOptions site) =>
        Compose(note.Buyer.Email, note.Buyer.Name, $"Credit note {note.Number} for order {note.OrderNumber}",
            [$"We have refunded {Vat.Pounds(note.GrossPence)} of order {note.OrderNumber} to your card.",
             $"Credit note {note.CreditNoteWords()} is attached to this email."],
            "You can see your order, and download its invoice, receipt and credit notes, at:",
            site.Absolute($"/account/orders/{note.OrderNumber}"), note.FileName(), pdf);

    /// <summary>
    /// A document email: greeting, the <paramref name="paragraphs"/>, a link, the sign-off, in text
    /// and HTML alike, with the stored PDF attached as <paramref name="fileName"/>.
    /// </summary>
    public static OutgoingEmail Compose(
        string to, string name, string subject, IReadOnlyList<string> paragraphs, string linkIntro, string link, string fileName,
        GeneratedDocumentStored pdf)
    {
        var text = new StringBuilder().Append("Hello ").Append(name).Append(",\n\n");
        var html = new StringBuilder().Append("<p>Hello ").Append(Html.Encode(name)).Append(",</p>\n");
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
            html.Append("<p>").Append(Html.Encode(paragraph)).Append("</p>\n");
        }
        text.Append(linkIntro).Append('\n').Append(link).Append("\n\nPrime Tech Services\n");
        html.Append("<p>").Append(Html.Encode(linkIntro)).Append("<br><a href=\"").Append(Html.Encode(link)).Append("\">")
            .Append(Html.Encode(link)).Append("</a></p>\n<p>Prime Tech Services</p>\n");
        return new OutgoingEmail(to, subject, text.ToString(), html.ToString(),
            [EmailAttachment.FromObjectStorage(fileName, PdfContentType, pdf.Bucket, pdf.ObjectKey)]);
    }
}
