using System.Globalization;
using System.Text;

namespace PrimeTech.BuildingBlocks.Web;

/// <summary>
/// CSV as RFC 4180 writes it (comma-separated, CRLF line ends, a field quoted when it holds a comma,
/// a quote or a line break, quotes doubled), and safe to open in a spreadsheet: text that came from a
/// person (a name, a company) and starts with <c>= + - @</c>, a tab or a carriage return is prefixed
/// with an apostrophe, so Excel, LibreOffice and Sheets show it as text instead of running it as a
/// formula (OWASP "CSV injection"). Numbers the app formats itself are written as they are.
/// </summary>
public sealed class Csv
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    private readonly StringBuilder _text = new();

    /// <summary>One record; each value is already a <see cref="Text"/> or a <see cref="Number"/> field.</summary>
    public Csv Row(params string[] fields)
    {
        _text.AppendJoin(',', fields).Append("\r\n");
        return this;
    }

    /// <summary>Text a person may have typed: defused against formulas, quoted when it must be.</summary>
    public static string Text(string? value)
    {
        value ??= "";
        if (value.Length > 0 && Array.IndexOf(FormulaStarts, value[0]) >= 0) value = "'" + value;
        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Pence as pounds with two decimals (<c>-12.34</c>), invariant culture.</summary>
    public static string Pounds(long pence) => (pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>UTF-8 with a byte-order mark, so spreadsheets read names with accents correctly.</summary>
    public byte[] ToUtf8() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    public override string ToString() => _text.ToString();
}
