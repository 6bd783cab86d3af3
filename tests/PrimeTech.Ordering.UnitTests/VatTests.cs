using PrimeTech.BuildingBlocks.Money;

namespace PrimeTech.Ordering.UnitTests;

/// <summary>VAT on pence, half-up to the penny; the pounds format.</summary>
public sealed class VatTests
{
    [Theory]
    [InlineData(0, 20, 0)]
    [InlineData(1000, 20, 200)]
    [InlineData(1000, 0, 0)]
    [InlineData(1000, 5, 50)]
    [InlineData(2, 25, 1)]        // 0.5p rounds up
    [InlineData(1, 20, 0)]        // 0.2p rounds down
    [InlineData(3, 20, 1)]        // 0.6p rounds up
    [InlineData(7, 17.5, 1)]      // 1.225p rounds down
    [InlineData(999, 17.5, 175)]  // 174.825p rounds up
    [InlineData(12345, 12.34, 1523)] // 1523.373p
    [InlineData(99_999_999, 20, 20_000_000)] // 19,999,999.8p
    public void Vat_is_rounded_half_up_to_the_penny(long net, decimal rate, long expected) =>
        Assert.Equal(expected, Vat.On(net, rate));

    [Theory]
    [InlineData(1999, 20, 2399)]
    [InlineData(0, 20, 0)]
    [InlineData(2, 25, 3)]
    public void Gross_is_net_plus_rounded_vat(long net, decimal rate, long expected) =>
        Assert.Equal(expected, Vat.Gross(net, rate));

    [Theory]
    [InlineData(0, "£0.00")]
    [InlineData(5, "£0.05")]
    [InlineData(123456, "£1,234.56")]
    [InlineData(99_999_999, "£999,999.99")]
    public void Pounds_are_formatted_the_UK_way(long pence, string expected) =>
        Assert.Equal(expected, Vat.Pounds(pence));
}
