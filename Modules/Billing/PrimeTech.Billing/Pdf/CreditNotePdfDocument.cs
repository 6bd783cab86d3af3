using System.Globalization;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Billing.Pdf;

/// <summary>
/// The credit note as an A4 PDF: title "Credit note", seller block (name, address, VAT number,
/// email), the credit note, invoice (with its date) and order numbers, the issue date, the buyer,
/// one row per credited line (units of an invoice line, or an amount at a VAT rate) with net, VAT
/// and total, the totals credited, and the reason when the admin gave one.
/// </summary>
public static class CreditNotePdfDocument
{
    public static byte[] Render(CreditNote note)
    {
        var facts = new List<(string, string)>
        {
            ("Credit note", note.Number),
            ("Invoice", note.InvoiceNumber),
            ("Invoice date", London.Format(note.InvoiceIssuedAt, "d MMMM yyyy")),
            ("Order number", note.OrderNumber),
            ("Issue date", London.Format(note.IssuedAt, "d MMMM yyyy")),
        };

        using var writer = new BillingPdfWriter($"Credit note {note.Number}", note.Seller.Name, note.IssuedAt);
        writer.Header("Credit note", "Refunded", note.Number, note.Seller, facts, "Credit to", note.Buyer);
        writer.Lines(note.Lines.Select(l => new Invoices.InvoiceLine
        {
            Sku = l.Sku ?? "",
            Name = l.Description,
            Quantity = l.Quantity ?? 1,
            UnitPriceNetPence = l.UnitPriceNetPence ?? l.NetPence,
            VatRatePercent = l.VatRatePercent,
            NetPence = l.NetPence,
            VatPence = l.VatPence,
            GrossPence = l.GrossPence,
        }));
        writer.Totals(note.NetPence, note.VatPence, note.GrossPence, ("Amount credited", note.GrossPence));
        if (!string.IsNullOrWhiteSpace(note.Reason))
            writer.Note("Reason: " + note.Reason.Trim());
        writer.Note(string.Create(CultureInfo.InvariantCulture,
            $"This credit note reduces invoice {note.InvoiceNumber}. Refunded to the card that paid it."));
        return writer.Save();
    }
}
