using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Ordering.Tests;

[Collection(OrderingCollection.Name)]
public sealed class CatalogueTests(OrderingFixture app)
{
    [Fact]
    public async Task The_catalogue_lists_active_products_with_prices_including_vat()
    {
        var shop = app.Shop;
        var active = await shop.CreateProductAsync(4999, 20m);
        var inactive = await shop.CreateProductAsync(active: false);

        var list = await shop.Bus.InvokeAsync<ProductList>(new ListProducts());

        var shown = Assert.Single(list.Items, p => p.Sku == active.Sku);
        Assert.Equal((4999L, 5999L, 20m, "GBP"), (shown.UnitPriceNetPence, shown.UnitPriceGrossPence, shown.VatRatePercent, shown.Currency));
        Assert.DoesNotContain(list.Items, p => p.Sku == inactive.Sku);
        Assert.Equal(list.Items.Select(p => p.Name).Order(StringComparer.Ordinal), list.Items.Select(p => p.Name));
    }

    [Fact]
    public async Task The_demo_catalogue_is_seeded_once()
    {
        var list = await app.Shop.Bus.InvokeAsync<ProductList>(new ListProducts());
        Assert.Contains(list.Items, p => p is { Sku: "PT-BACKUP-PRO", IsLicensed: true, UnitPriceNetPence: 4999 });
        Assert.Contains(list.Items, p => p is { Sku: "PT-DISK-INSPECTOR", IsLicensed: true });
        Assert.Contains(list.Items, p => p is { Sku: "PT-ADMIN-SCRIPTS", IsLicensed: false });

        var again = await app.RunHostCommandAsync("seed");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("product PT-BACKUP-PRO: exists", again.Output);
        var after = await app.Shop.Bus.InvokeAsync<ProductList>(new ListProducts());
        Assert.Single(after.Items, p => p.Sku == "PT-BACKUP-PRO");
    }

    [Fact]
    public async Task A_product_page_shows_the_description_as_sanitised_html()
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync(description:
            "## Features\n\n**Fast** and [safe](https://example.com).\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1))");

        var detail = await shop.Bus.InvokeAsync<ProductDetail>(new GetProduct(product.Slug));

        Assert.Contains("<h2>Features</h2>", detail.DescriptionHtml);
        Assert.Contains("<strong>Fast</strong>", detail.DescriptionHtml);
        Assert.Contains("<a href=\"https://example.com\" rel=\"nofollow noopener\">safe</a>", detail.DescriptionHtml);
        Assert.DoesNotContain("<script", detail.DescriptionHtml);
        Assert.DoesNotContain("javascript:", detail.DescriptionHtml);
    }

    [Fact]
    public async Task An_inactive_or_unknown_product_is_not_found()
    {
        var shop = app.Shop;
        var inactive = await shop.CreateProductAsync(active: false);

        foreach (var slug in new[] { inactive.Slug, "no-such-product" })
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => shop.Bus.InvokeAsync<ProductDetail>(new GetProduct(slug)));
            Assert.Equal("NOT_FOUND", error.Error.Code);
        }
    }
}
