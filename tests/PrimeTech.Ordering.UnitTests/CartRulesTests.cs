using PrimeTech.Ordering.Carts;

namespace PrimeTech.Ordering.UnitTests;

/// <summary>Cart input rules: quantities 1–100, SKUs normalised, the add-to-cart SKU checks.</summary>
public sealed class CartRulesTests
{
    private static string? QuantityError(int? quantity) =>
        new SetCartQuantity.Validator().Validate(new SetCartQuantity(Guid.NewGuid(), "PT-PRO", quantity))
            .Errors.Select(e => e.ErrorMessage).SingleOrDefault();

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(Cart.MaxQuantity)]
    public void Quantities_from_one_to_the_maximum_are_valid(int quantity) => Assert.Null(QuantityError(quantity));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Cart.MaxQuantity + 1)]
    [InlineData(int.MaxValue)]
    public void Quantities_out_of_range_are_refused(int quantity) => Assert.Equal(CartRules.QuantityRange, QuantityError(quantity));

    [Fact]
    public void A_missing_quantity_asks_for_a_whole_number() =>
        Assert.Equal("Enter a quantity as a whole number", QuantityError(null));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Adding_without_a_sku_is_refused(string? sku)
    {
        var result = new AddToCart.Validator().Validate(new AddToCart(Guid.NewGuid(), sku, 1));
        Assert.Equal("Choose a product that exists", Assert.Single(result.Errors).ErrorMessage);
    }

    [Fact]
    public void Adding_with_an_over_long_sku_is_refused()
    {
        var result = new AddToCart.Validator().Validate(new AddToCart(Guid.NewGuid(), new string('A', 41), 1));
        Assert.Equal("Choose a product that exists", Assert.Single(result.Errors).ErrorMessage);
        Assert.True(new AddToCart.Validator().Validate(new AddToCart(Guid.NewGuid(), new string('A', 40), 1)).IsValid);
    }

    [Theory]
    [InlineData(" pt-pro ", "PT-PRO")]
    [InlineData(null, "")]
    [InlineData("Pt-Pro-2", "PT-PRO-2")]
    public void A_sku_is_trimmed_and_upper_cased(string? input, string expected) =>
        Assert.Equal(expected, CartRules.NormaliseSku(input));

    [Fact]
    public void Every_change_bumps_the_revision()
    {
        var cart = new Cart { Revision = 7 };
        cart.Changed(Given.Now);
        Assert.Equal(8, cart.Revision);
        Assert.Equal(Given.Now, cart.UpdatedAt);
    }
}
