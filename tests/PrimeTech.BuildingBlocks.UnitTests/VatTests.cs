using PrimeTech.BuildingBlocks.Money;

namespace PrimeTech.BuildingBlocks.UnitTests;

/// <summary>Money is whole pence; VAT is the net times the rate, rounded half-up to the penny.</summary>
public sealed class VatTests
{
    [Theory]
    [InlineData(4999, 20, 1000)]   // 999.8 rounds up
    [InlineData(4996, 20, 999)]    // 999.2 rounds down
    [InlineData(2, 25, 1)]         // exactly half a penny rounds up
    [InlineData(1, 20, 0)]         // 0.2p
    [InlineData(100, 17.5, 18)]    // 17.5p: the old standard rate
    [InlineData(999, 5, 50)]       // 49.95p
    [InlineData(1000, 0, 0)]       // zero-rated
    [InlineData(0, 20, 0)]
    [InlineData(12345, 12.5, 1543)] // 1543.125p
    [InlineData(1, 0.01, 0)]
    [InlineData(3, 20, 1)]          // 0.6p rounds up
    [InlineData(7, 17.5, 1)]        // 1.225p rounds down
    [InlineData(999, 17.5, 175)]    // 174.825p rounds up
    [InlineData(12345, 12.34, 1523)] // 1523.373p
    [InlineData(99_999_999, 20, 20_000_000)] // 19,999,999.8p
    public void VAT_is_rounded_half_up_to_the_penny(long net, double rate, long vat) =>
        Assert.Equal(vat, Vat.On(net, (decimal)rate));

    [Fact]
    public void Gross_is_net_plus_its_rounded_VAT()
    {
        Assert.Equal(5999, Vat.Gross(4999, 20m));
        Assert.Equal(1049, Vat.Gross(999, 5m));
        Assert.Equal(3, Vat.Gross(2, 25m));
        Assert.Equal(0, Vat.Gross(0, 20m));
        Assert.Equal(1_200_000_000_00, Vat.Gross(1_000_000_000_00, 20m));
    }

    [Theory]
    [InlineData(123456, "£1,234.56")]
    [InlineData(5, "£0.05")]
    [InlineData(0, "£0.00")]
    [InlineData(100000000, "£1,000,000.00")]
    [InlineData(99_999_999, "£999,999.99")]
    public void Amounts_are_shown_in_pounds_the_UK_way(long pence, string shown) =>
        Assert.Equal(shown, Vat.Pounds(pence));
}
