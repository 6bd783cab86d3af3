using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.BuildingBlocks.UnitTests;

/// <summary>CSV exports: RFC 4180 quoting, and text a person typed never runs as a spreadsheet formula (OWASP CSV injection).</summary>
public sealed class CsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+44 7700 900123", "'+44 7700 900123")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void Text_that_starts_like_a_formula_is_prefixed_with_an_apostrophe(string typed, string field) =>
        Assert.Equal(field, Csv.Text(typed));

    [Theory]
    [InlineData("Ada Lovelace", "Ada Lovelace")]
    [InlineData("Lovelace, Ada", "\"Lovelace, Ada\"")]
    [InlineData("The \"Engine\"", "\"The \"\"Engine\"\"\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    [InlineData("A=B", "A=B")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_is_quoted_only_when_it_must_be(string? typed, string field) =>
        Assert.Equal(field, Csv.Text(typed));

    [Theory]
    [InlineData(123456, "1234.56")]
    [InlineData(-1234, "-12.34")]
    [InlineData(5, "0.05")]
    [InlineData(0, "0.00")]
    public void Pence_are_written_as_pounds_with_two_decimals(long pence, string field) =>
        Assert.Equal(field, Csv.Pounds(pence));

    [Theory]
    [InlineData(20, "20")]
    [InlineData(17.5, "17.5")]
    [InlineData(0.125, "0.13")]
    public void Rates_are_written_with_up_to_two_decimals(double value, string field) =>
        Assert.Equal(field, Csv.Number((decimal)value));

    [Fact]
    public void Records_end_with_CRLF_and_the_file_starts_with_a_UTF8_byte_order_mark()
    {
        var csv = new Csv().Row("Name", "Amount").Row(Csv.Text("Zoë"), Csv.Pounds(1999));

        Assert.Equal("Name,Amount\r\nZoë,19.99\r\n", csv.ToString());
        var bytes = csv.ToUtf8();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("Name,Amount\r\nZoë,19.99\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }
}
