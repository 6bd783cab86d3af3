using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PrimeTech.Billing.Invoices;
using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Billing.Pdf;

/// <summary>
/// The invoice as an A4 PDF: title and status, seller (name, address, VAT number, email), buyer,
/// invoice and order numbers, issue date, one row per line (description, quantity, unit price
/// excl. VAT, VAT rate, net, VAT, total), totals, and the currency note.
/// </summary>
public static class InvoicePdfDocument
{
    private const double Margin = 50;
    private const double PageBottom = 842 - 60;

    public static string StatusWords(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Issued => "Awaiting payment",
        InvoiceStatus.Paid => "Paid",
        InvoiceStatus.Void => "Void",
        _ => status.ToString(),
    };

    public static string Rate(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static byte[] Render(Invoice invoice, InvoiceStatus statusShown)
    {
        EmbeddedFontResolver.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Number}";
        document.Info.Author = invoice.Seller.Name;
        document.Info.CreationDate = invoice.IssuedAt.UtcDateTime;

        var writer = new PageWriter(document);
        writer.Header(invoice, statusShown);
        writer.Lines(invoice);
        writer.Totals(invoice);

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private sealed class PageWriter
    {
        private readonly XFont Title = new(EmbeddedFontResolver.Family, 22, XFontStyleEx.Bold);
        private readonly XFont Heading = new(EmbeddedFontResolver.Family, 10, XFontStyleEx.Bold);
        private readonly XFont ColumnHeading = new(EmbeddedFontResolver.Family, 9, XFontStyleEx.Bold);
        private readonly XFont Body = new(EmbeddedFontResolver.Family, 9, XFontStyleEx.Regular);
        private readonly XFont Status = new(EmbeddedFontResolver.Family, 14, XFontStyleEx.Bold);

        // Description, Qty, Unit price, VAT rate, Net, VAT, Total: right edges of the numeric columns.
        private static readonly double[] RightEdges = [240, 306, 362, 424, 484, 545];
        private const double DescriptionWidth = 160;

        private readonly PdfDocument _document;
        private XGraphics _gfx = null!;
        private double _y;
        private string? _continuation;

        public PageWriter(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            var page = _document.AddPage();
            page.Size = PageSize.A4;
            _gfx = XGraphics.FromPdfPage(page);
            _y = Margin;
            if (_continuation is null) return;
            Text(_continuation, Body, Margin, _y);
            _y += 24;
        }

        public void Header(Invoice invoice, InvoiceStatus statusShown)
        {
            _continuation = $"Invoice {invoice.Number} (continued)";
            Text("Invoice", Title, Margin, _y);
            RightText(StatusWords(statusShown), Status, 545, _y + 6);
            _y += 40;

            var top = _y;
            Text(invoice.Seller.Name, Heading, Margin, _y);
            _y += 14;
            foreach (var line in invoice.Seller.AddressLines)
            {
                Text(line, Body, Margin, _y);
                _y += 12;
            }
            Text($"VAT number: {invoice.Seller.VatNumber}", Body, Margin, _y);
            _y += 12;
            Text(invoice.Seller.Email, Body, Margin, _y);
            var sellerBottom = _y + 12;

            var x = 330;
            var y = top;
            foreach (var (label, value) in new[]
                     {
                         ("Invoice number", invoice.Number),
                         ("Order number", invoice.OrderNumber),
                         ("Issue date", London.Format(invoice.IssuedAt, "d MMMM yyyy")),
                     })
            {
                Text(label, Heading, x, y);
                Text(value, Body, x + 95, y + 1);
                y += 15;
            }

            _y = Math.Max(sellerBottom, y) + 16;
            Text("Bill to", Heading, Margin, _y);
            _y += 14;
            Text(invoice.Buyer.Name, Body, Margin, _y);
            _y += 12;
            Text(invoice.Buyer.Email, Body, Margin, _y);
            _y += 28;
        }

        public void Lines(Invoice invoice)
        {
            TableHeader();
            foreach (var line in invoice.Lines)
            {
                var description = Wrap($"{line.Name} ({line.Sku})", Body, DescriptionWidth);
                var height = description.Count * 12 + 6;
                if (_y + height > PageBottom)
                {
                    NewPage();
                    TableHeader();
                }

                for (var i = 0; i < description.Count; i++)
                    Text(description[i], Body, Margin, _y + i * 12);
                string[] cells =
                [
                    line.Quantity.ToString(CultureInfo.InvariantCulture),
                    Vat.Pounds(line.UnitPriceNetPence),
                    Rate(line.VatRatePercent),
                    Vat.Pounds(line.NetPence),
                    Vat.Pounds(line.VatPence),
                    Vat.Pounds(line.GrossPence),
                ];
                for (var c = 0; c < cells.Length; c++)
                    RightText(cells[c], Body, RightEdges[c], _y);
                _y += height;
            }
            _gfx.DrawLine(XPens.Gray, Margin, _y, 545, _y);
            _y += 10;
        }

        public void Totals(Invoice invoice)
        {
            if (_y + 80 > PageBottom) NewPage();
            foreach (var (label, amount, font) in new[]
                     {
                         ("Net", invoice.NetPence, Body),
                         ("VAT", invoice.VatPence, Body),
                         ("Total", invoice.GrossPence, Heading),
                     })
            {
                RightText(label, font, 445, _y);
                RightText(Vat.Pounds(amount), font, 545, _y);
                _y += 15;
            }
            _y += 15;
            Text("All amounts in GBP.", Body, Margin, _y);
        }

        private void TableHeader()
        {
            Text("Description", ColumnHeading, Margin, _y);
            string[] headings = ["Qty", "Unit price", "VAT rate", "Net", "VAT", "Total"];
            for (var c = 0; c < headings.Length; c++)
                RightText(headings[c], ColumnHeading, RightEdges[c], _y);
            _y += 14;
            Text("Unit prices exclude VAT.", Body, Margin, _y);
            _y += 12;
            _gfx.DrawLine(XPens.Gray, Margin, _y, 545, _y);
            _y += 6;
        }

        private void Text(string text, XFont font, double x, double y) =>
            _gfx.DrawString(text, font, XBrushes.Black, new XPoint(x, y + font.Size), XStringFormats.BaseLineLeft);

        private void RightText(string text, XFont font, double right, double y) =>
            _gfx.DrawString(text, font, XBrushes.Black, new XPoint(right, y + font.Size), XStringFormats.BaseLineRight);

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }
            if (current.Length > 0) lines.Add(current);
            return lines;
        }
    }
}
