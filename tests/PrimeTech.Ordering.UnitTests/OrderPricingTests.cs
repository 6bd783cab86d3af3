using PrimeTech.BuildingBlocks.Errors;
using static PrimeTech.Ordering.UnitTests.Given;

namespace PrimeTech.Ordering.UnitTests;

/// <summary>Cart lines priced into order lines: net = unit × quantity, VAT per line, the online-payment ceiling.</summary>
public sealed class OrderPricingTests
{
    [Fact]
    public void A_line_is_priced_from_the_current_product()
    {
        var product = Product(unitNetPence: 1999);
        var line = Assert.Single(OrderPricing.Lines([LineOf(product, 3)], ProductsById(product)));
        Assert.Equal((product.Id, "PT-PRO", "Product PT-PRO", true), (line.ProductId, line.Sku, line.Name, line.IsLicensed));
        Assert.Equal(1999, line.UnitPriceNetPence);
        Assert.Equal(20m, line.VatRatePercent);
        Assert.Equal(3, line.Quantity);
        Assert.Equal(5997, line.NetPence);
        Assert.Equal(1199, line.VatPence); // 1199.4p
        Assert.Equal(7196, line.GrossPence);
    }

    [Fact]
    public void Vat_is_rounded_on_the_line_total_not_per_unit()
    {
        // Per unit 0.6p would round to 1p each (3p); on the line 1.8p rounds to 2p.
        var product = Product(unitNetPence: 3);
        var line = Assert.Single(OrderPricing.Lines([LineOf(product, 3)], ProductsById(product)));
        Assert.Equal(2, line.VatPence);
    }

    [Fact]
    public void Each_line_is_rounded_on_its_own_so_the_order_vat_is_the_sum_of_rounded_lines()
    {
        // Two lines of 0.5p VAT each round up to 1p: the order's VAT is 2p (rounding the 4p net once would give 1p).
        var a = Product(unitNetPence: 2, vatRate: 25m, sku: "A");
        var b = Product(unitNetPence: 2, vatRate: 25m, sku: "B");
        var lines = OrderPricing.Lines([LineOf(a, 1), LineOf(b, 1)], ProductsById(a, b));
        Assert.Equal([1L, 1L], lines.Select(l => l.VatPence));
        Assert.Equal(2, lines.Sum(l => l.VatPence));
    }

    [Fact]
    public void A_zero_rated_product_has_no_vat()
    {
        var product = Product(unitNetPence: 1000, vatRate: 0m);
        var line = Assert.Single(OrderPricing.Lines([LineOf(product, 2)], ProductsById(product)));
        Assert.Equal((2000L, 0L, 2000L), (line.NetPence, line.VatPence, line.GrossPence));
    }

    [Fact]
    public void Lines_keep_the_cart_order()
    {
        var a = Product(100, sku: "A");
        var b = Product(200, sku: "B");
        var lines = OrderPricing.Lines([LineOf(b, 1), LineOf(a, 1)], ProductsById(a, b));
        Assert.Equal(["B", "A"], lines.Select(l => l.Sku));
    }

    [Fact]
    public void An_inactive_product_is_refused_by_name()
    {
        var product = Product(100, active: false);
        var error = Assert.Throws<DomainException>(() => OrderPricing.Lines([LineOf(product, 1)], ProductsById(product)));
        Assert.Equal(OrderingErrors.ProductInactive, error.Error);
        Assert.Contains("Product PT-PRO", error.Detail);
    }

    [Fact]
    public void A_product_that_no_longer_exists_is_refused_by_sku()
    {
        var product = Product(100, sku: "GONE-1");
        var error = Assert.Throws<DomainException>(() => OrderPricing.Lines([LineOf(product, 1)], ProductsById()));
        Assert.Equal(OrderingErrors.ProductInactive, error.Error);
        Assert.StartsWith("GONE-1 ", error.Detail);
    }

    [Fact]
    public void Vat_counts_towards_the_online_payment_ceiling()
    {
        // 83,333,332p net + 16,666,666p VAT (16,666,666.4) = 99,999,998p; one more penny of net gives 99,999,999.6 → 100,000,000.
        var product = Product(unitNetPence: 83_333_332, vatRate: 20m);
        var line = Assert.Single(OrderPricing.Lines([LineOf(product, 1)], ProductsById(product)));
        Assert.Equal(99_999_998, line.GrossPence);

        var onePennyMore = Product(unitNetPence: 83_333_333, vatRate: 20m);
        Assert.Throws<DomainException>(() => OrderPricing.Lines([LineOf(onePennyMore, 1)], ProductsById(onePennyMore)));
    }

    [Fact]
    public void Exactly_the_ceiling_is_accepted_and_one_penny_more_is_refused()
    {
        var exact = Product(unitNetPence: OrderPricing.MaxGrossPence, vatRate: 0m);
        Assert.Equal(OrderPricing.MaxGrossPence, Assert.Single(OrderPricing.Lines([LineOf(exact, 1)], ProductsById(exact))).GrossPence);

        var over = Product(unitNetPence: OrderPricing.MaxGrossPence + 1, vatRate: 0m);
        var error = Assert.Throws<DomainException>(() => OrderPricing.Lines([LineOf(over, 1)], ProductsById(over)));
        Assert.Equal(ErrorCode.ValidationFailed, error.Error);
        Assert.True(error.Errors.ContainsKey("cart"));
    }

    [Fact]
    public void The_ceiling_applies_to_the_sum_of_lines()
    {
        var a = Product(unitNetPence: 50_000_000, vatRate: 0m, sku: "A");
        var b = Product(unitNetPence: 50_000_000, vatRate: 0m, sku: "B");
        Assert.Throws<DomainException>(() => OrderPricing.Lines([LineOf(a, 1), LineOf(b, 1)], ProductsById(a, b)));
    }

    [Fact]
    public void The_maximum_quantity_is_priced_exactly()
    {
        var product = Product(unitNetPence: 4999, vatRate: 20m);
        var line = Assert.Single(OrderPricing.Lines([LineOf(product, Carts.Cart.MaxQuantity)], ProductsById(product)));
        Assert.Equal(499_900, line.NetPence);
        Assert.Equal(99_980, line.VatPence);
        Assert.Equal(599_880, line.GrossPence);
    }
}
