using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.Payments;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Billing.Pdf;

/// <summary>
/// The receipt as an A4 PDF: title "Receipt", seller block, receipt, invoice and order numbers,
/// when it was paid (London date and time), the card when Stripe gave it, the invoice's lines and
/// totals, and the amount paid.
/// </summary>
public static class ReceiptPdfDocument
{
    public static byte[] Render(Receipt receipt, Invoice invoice)
    {
        var facts = new List<(string, string)>
        {
            ("Receipt number", receipt.Number),
            ("Invoice number", receipt.InvoiceNumber),
            ("Order number", receipt.OrderNumber),
            ("Paid at", London.Format(receipt.PaidAt, "d MMMM yyyy, HH:mm") + " UK"),
        };
        if (receipt.CardWords() is { } card)
            facts.Add(("Card", card));

        using var writer = new BillingPdfWriter($"Receipt {receipt.Number}", invoice.Seller.Name, receipt.IssuedAt);
        writer.Header("Receipt", "Paid", receipt.Number, invoice.Seller, facts, "Paid by", invoice.Buyer);
        writer.Lines(invoice.Lines);
        writer.Totals(invoice.NetPence, invoice.VatPence, invoice.GrossPence, ("Amount paid", receipt.AmountPence));
        return writer.Save();
    }
}
