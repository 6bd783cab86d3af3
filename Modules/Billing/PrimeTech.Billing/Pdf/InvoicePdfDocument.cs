using PrimeTech.Billing.Invoices;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Billing.Pdf;

/// <summary>
/// The invoice as an A4 PDF: title and status, seller (name, address, VAT number, email), buyer
/// (name, company, address, VAT number, email), invoice and order numbers, issue date and tax
/// point, one row per line (description, quantity, unit price
/// excl. VAT, VAT rate, net, VAT, total), totals, and the currency note.
/// </summary>
public static class InvoicePdfDocument
{
    public static string StatusWords(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Issued => "Awaiting payment",
        InvoiceStatus.Paid => "Paid",
        InvoiceStatus.Void => "Void",
        _ => status.ToString(),
    };

    public static string Rate(decimal percent) => BillingPdfWriter.Rate(percent);

    public static byte[] Render(Invoice invoice, InvoiceStatus statusShown)
    {
        using var writer = new BillingPdfWriter($"Invoice {invoice.Number}", invoice.Seller.Name, invoice.IssuedAt);
        writer.Header("Invoice", StatusWords(statusShown), invoice.Number, invoice.Seller,
        [
            ("Invoice number", invoice.Number),
            ("Order number", invoice.OrderNumber),
            ("Issue date", London.Format(invoice.IssuedAt, "d MMMM yyyy")),
            ("Tax point", London.Format(invoice.TaxPoint(), "d MMMM yyyy")),
        ], "Bill to", invoice.Buyer);
        writer.Lines(invoice.Lines);
        writer.Totals(invoice.NetPence, invoice.VatPence, invoice.GrossPence);
        return writer.Save();
    }
}
