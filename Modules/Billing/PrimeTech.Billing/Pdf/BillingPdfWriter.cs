using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PrimeTech.Billing.Invoices;
using PrimeTech.BuildingBlocks.Money;

namespace PrimeTech.Billing.Pdf;

/// <summary>
/// The layout invoices and receipts share, on A4: title and status, the seller block beside the
/// document's numbers and dates, the customer, one row per line (description, quantity, unit price
/// excl. VAT, VAT rate, net, VAT, total) continuing on new pages with a continuation header, totals.
/// </summary>
internal sealed class BillingPdfWriter : IDisposable
{
    private const double Margin = 50;
    private const double PageBottom = 842 - 60;

    private readonly XFont _title = new(EmbeddedFontResolver.Family, 22, XFontStyleEx.Bold);
    private readonly XFont _heading = new(EmbeddedFontResolver.Family, 10, XFontStyleEx.Bold);
    private readonly XFont _columnHeading = new(EmbeddedFontResolver.Family, 9, XFontStyleEx.Bold);
    private readonly XFont _body = new(EmbeddedFontResolver.Family, 9, XFontStyleEx.Regular);
    private readonly XFont _status = new(EmbeddedFontResolver.Family, 14, XFontStyleEx.Bold);

    // Description, Qty, Unit price, VAT rate, Net, VAT, Total: right edges of the numeric columns.
    private static readonly double[] RightEdges = [240, 306, 362, 424, 484, 545];
    private const double DescriptionWidth = 160;

    private readonly PdfDocument _document = new();
    private XGraphics _gfx = null!;
    private double _y;
    private string? _continuation;

    // Before any instance's fonts (field initialisers) are created.
    static BillingPdfWriter() => EmbeddedFontResolver.EnsureRegistered();

    public BillingPdfWriter(string title, string author, DateTimeOffset created)
    {
        _document.Info.Title = title;
        _document.Info.Author = author;
        _document.Info.CreationDate = created.UtcDateTime;
        NewPage();
    }

    public static string Rate(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public void Header(string title, string status, string reference, InvoiceSeller seller,
        IReadOnlyList<(string Label, string Value)> facts, string partyHeading, InvoiceBuyer buyer)
    {
        _continuation = $"{title} {reference} (continued)";
        Text(title, _title, Margin, _y);
        RightText(status, _status, 545, _y + 6);
        _y += 40;

        var top = _y;
        Text(seller.Name, _heading, Margin, _y);
        _y += 14;
        foreach (var line in seller.AddressLines)
        {
            Text(line, _body, Margin, _y);
            _y += 12;
        }
        Text($"VAT number: {seller.VatNumber}", _body, Margin, _y);
        _y += 12;
        Text(seller.Email, _body, Margin, _y);
        var sellerBottom = _y + 12;

        const double x = 330;
        var y = top;
        foreach (var (label, value) in facts)
        {
            Text(label, _heading, x, y);
            Text(value, _body, x + 95, y + 1);
            y += 15;
        }

        _y = Math.Max(sellerBottom, y) + 16;
        Text(partyHeading, _heading, Margin, _y);
        _y += 14;
        string?[] party = [buyer.Name, buyer.CompanyName, .. buyer.AddressLines(),
            buyer.VatNumber is null ? null : $"VAT number: {buyer.VatNumber}", buyer.Email];
        foreach (var line in party.Where(l => !string.IsNullOrEmpty(l)).SelectMany(l => Wrap(l!, _body, 545 - Margin)))
        {
            Text(line, _body, Margin, _y);
            _y += 12;
        }
        _y += 16;
    }

    public void Lines(IEnumerable<InvoiceLine> lines)
    {
        TableHeader();
        foreach (var line in lines)
        {
            var description = Wrap(line.Sku.Length == 0 ? line.Name : $"{line.Name} ({line.Sku})", _body, DescriptionWidth);
            var height = description.Count * 12 + 6;
            if (_y + height > PageBottom)
            {
                NewPage();
                TableHeader();
            }

            for (var i = 0; i < description.Count; i++)
                Text(description[i], _body, Margin, _y + i * 12);
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
                RightText(cells[c], _body, RightEdges[c], _y);
            _y += height;
        }
        _gfx.DrawLine(XPens.Gray, Margin, _y, 545, _y);
        _y += 10;
    }

    /// <summary>Net, VAT and total, then any further labelled amounts (e.g. "Amount paid") in bold.</summary>
    public void Totals(long net, long vat, long gross, params (string Label, long Amount)[] more)
    {
        if (_y + 80 + more.Length * 15 > PageBottom) NewPage();
        foreach (var (label, amount, font) in new[] { ("Net", net, _body), ("VAT", vat, _body), ("Total", gross, _heading) }
                     .Concat(more.Select(m => (m.Label, m.Amount, _heading))))
        {
            RightText(label, font, 445, _y);
            RightText(Vat.Pounds(amount), font, 545, _y);
            _y += 15;
        }
        _y += 15;
        Text("All amounts in GBP.", _body, Margin, _y);
    }

    /// <summary>A paragraph under the totals (wrapped to the page).</summary>
    public void Note(string text)
    {
        var lines = Wrap(text, _body, 545 - Margin);
        if (_y + 15 + lines.Count * 12 > PageBottom) NewPage();
        _y += 15;
        foreach (var line in lines)
        {
            Text(line, _body, Margin, _y);
            _y += 12;
        }
    }

    public byte[] Save()
    {
        using var output = new MemoryStream();
        _document.Save(output);
        return output.ToArray();
    }

    public void Dispose()
    {
        _gfx.Dispose();
        _document.Dispose();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(page);
        _y = Margin;
        if (_continuation is null) return;
        Text(_continuation, _body, Margin, _y);
        _y += 24;
    }

    private void TableHeader()
    {
        Text("Description", _columnHeading, Margin, _y);
        string[] headings = ["Qty", "Unit price", "VAT rate", "Net", "VAT", "Total"];
        for (var c = 0; c < headings.Length; c++)
            RightText(headings[c], _columnHeading, RightEdges[c], _y);
        _y += 14;
        Text("Unit prices exclude VAT.", _body, Margin, _y);
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
