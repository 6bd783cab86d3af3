using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Ordering.Tests;

/// <summary>Bad input gets the error contract (code and field errors) and writes nothing.</summary>
[Collection(OrderingCollection.Name)]
public sealed class BadInputTests(OrderingFixture app)
{
    private async Task<DomainException> Refused(Func<Task> action) => await Assert.ThrowsAsync<DomainException>(action);

    [Fact]
    public async Task Unknown_sku_is_a_field_error_and_the_cart_is_unchanged()
    {
        var shop = app.Shop;
        var customer = Shop.NewCustomer();

        var error = await Refused(() => shop.AddAsync(customer, "NO-SUCH-SKU"));

        Assert.Equal("VALIDATION_FAILED", error.Error.Code);
        Assert.Equal(["Choose a product that exists"], error.Errors["sku"]);
        Assert.Equal(0, (await shop.CartAsync(customer)).Revision);
    }

    [Theory]
    [InlineData(0, "Quantity must be between 1 and 100")]
    [InlineData(101, "Quantity must be between 1 and 100")]
    [InlineData(-3, "Quantity must be between 1 and 100")]
    [InlineData(null, "Enter a quantity as a whole number")]
    public async Task Quantity_must_be_a_whole_number_from_1_to_100(int? quantity, string message)
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync();
        var customer = Shop.NewCustomer();

        var error = await Refused(() => shop.Bus.InvokeAsync<CartView>(new AddToCart(customer.Id, product.Sku, quantity)));

        Assert.Equal("VALIDATION_FAILED", error.Error.Code);
        Assert.Equal([message], error.Errors["quantity"]);
        Assert.Equal(0, (await shop.CartAsync(customer)).Revision);
    }

    [Fact]
    public async Task A_line_cannot_pass_100_and_a_cart_cannot_pass_20_products()
    {
        var shop = app.Shop;
        var customer = Shop.NewCustomer();
        var products = new List<AdminProduct>();
        for (var i = 0; i < 21; i++) products.Add(await shop.CreateProductAsync());
        await shop.AddAsync(customer, products[0].Sku, 60);

        var tooMany = await Refused(() => shop.AddAsync(customer, products[0].Sku, 41));
        Assert.Equal(["You can have at most 100 of each product in your cart"], tooMany.Errors["quantity"]);

        foreach (var product in products.Skip(1).Take(19)) await shop.AddAsync(customer, product.Sku);
        var before = await shop.CartAsync(customer);
        var tooWide = await Refused(() => shop.AddAsync(customer, products[20].Sku));
        Assert.Equal(["Your cart can hold up to 20 different products"], tooWide.Errors["sku"]);

        var after = await shop.CartAsync(customer);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(60, after.Lines.Single(l => l.Sku == products[0].Sku).Quantity);
    }

    [Fact]
    public async Task An_inactive_product_cannot_be_added()
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync(active: false, name: "Old Tool");
        var customer = Shop.NewCustomer();

        var error = await Refused(() => shop.AddAsync(customer, product.Sku));

        Assert.Equal("PRODUCT_INACTIVE", error.Error.Code);
        Assert.Equal(409, error.Error.Status);
        Assert.Contains("Old Tool", error.Detail);
        Assert.Equal(0, (await shop.CartAsync(customer)).Revision);
    }

    [Fact]
    public async Task Checking_out_an_empty_cart_is_refused_and_writes_nothing()
    {
        var shop = app.Shop;
        var customer = Shop.NewCustomer();

        var error = await Refused(() => shop.CheckoutAsync(customer, 0));

        Assert.Equal("CART_EMPTY", error.Error.Code);
        Assert.Empty(await shop.OrdersOfAsync(customer.Id));
    }

    [Fact]
    public async Task Checking_out_a_cart_with_a_product_gone_off_sale_is_refused_and_writes_nothing()
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync(name: "Retired Suite");
        var customer = Shop.NewCustomer();
        var cart = await shop.AddAsync(customer, product.Sku);
        await shop.Bus.InvokeAsync<AdminProduct>(new SetProductActive(product.Id, false));

        var shown = await shop.CartAsync(customer);
        Assert.True(shown.HasUnavailableLines);
        Assert.False(shown.Lines.Single().IsAvailable);

        var error = await Refused(() => shop.CheckoutAsync(customer, cart.Revision));

        Assert.Equal("PRODUCT_INACTIVE", error.Error.Code);
        Assert.Contains("Retired Suite", error.Detail);
        Assert.Empty(await shop.OrdersOfAsync(customer.Id));
        Assert.Equal(cart.Revision, (await shop.CartAsync(customer)).Revision);
    }

    [Fact]
    public async Task Checking_out_a_revision_the_customer_did_not_see_is_refused()
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync();
        var customer = Shop.NewCustomer();
        var seen = await shop.AddAsync(customer, product.Sku);
        await shop.AddAsync(customer, product.Sku);

        var error = await Refused(() => shop.CheckoutAsync(customer, seen.Revision));

        Assert.Equal("CART_CHANGED", error.Error.Code);
        Assert.Empty(await shop.OrdersOfAsync(customer.Id));
    }

    [Fact]
    public async Task An_unverified_customer_cannot_check_out()
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync();
        var customer = Shop.NewCustomer(verified: false);
        await shop.AddAsync(customer, product.Sku);

        var error = await Refused(() => shop.CheckoutAsync(customer));

        Assert.Equal("EMAIL_NOT_VERIFIED", error.Error.Code);
        Assert.Equal(403, error.Error.Status);
        Assert.Empty(await shop.OrdersOfAsync(customer.Id));
        Assert.Single((await shop.CartAsync(customer)).Lines);
    }
}
