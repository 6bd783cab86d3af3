using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Ordering.Tests;

[Collection(OrderingCollection.Name)]
public sealed class AdminProductsTests(OrderingFixture app)
{
    private static CreateProduct Valid(string? sku = null, string? slug = null)
    {
        var unique = Shop.UniqueSku();
        return new CreateProduct(sku ?? unique, slug ?? unique.ToLowerInvariant(), "Prime Test Tool", "A tool.", "Text", 1250, 12.5m, true, true);
    }

    [Fact]
    public async Task Sku_and_slug_must_be_unique()
    {
        var shop = app.Shop;
        var first = await shop.Bus.InvokeAsync<AdminProduct>(Valid());

        var sku = await Assert.ThrowsAsync<DomainException>(() => shop.Bus.InvokeAsync<AdminProduct>(Valid(sku: first.Sku)));
        var slug = await Assert.ThrowsAsync<DomainException>(() => shop.Bus.InvokeAsync<AdminProduct>(Valid(slug: first.Slug)));

        Assert.Equal(("DUPLICATE_VALUE", 409), (sku.Error.Code, sku.Error.Status));
        Assert.Equal(["This SKU is already used by another product"], sku.Errors["sku"]);
        Assert.Equal(["This slug is already used"], slug.Errors["slug"]);
    }

    [Fact]
    public async Task Concurrent_creates_with_one_sku_make_one_product()
    {
        var shop = app.Shop;
        var command = Valid();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                return await shop.Bus.InvokeAsync<AdminProduct>(command);
            }
            catch (DomainException e) when (e.Error.Code == "DUPLICATE_VALUE")
            {
                return null;
            }
        }));
        Assert.Single(attempts, a => a is not null);
    }

    [Theory]
    [InlineData(0L, 20, "unitPriceNetPence", "Price must be more than £0.00")]
    [InlineData(100_000_001L, 20, "unitPriceNetPence", "Price must be £1,000,000.00 or less")]
    [InlineData(100L, 100.5, "vatRatePercent", "VAT rate must be a number from 0 to 100, with up to 2 decimal places")]
    [InlineData(100L, -1, "vatRatePercent", "VAT rate must be a number from 0 to 100, with up to 2 decimal places")]
    [InlineData(100L, 12.345, "vatRatePercent", "VAT rate must be a number from 0 to 100, with up to 2 decimal places")]
    public async Task Price_and_vat_rate_are_checked(long price, double vat, string field, string message)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            app.Shop.Bus.InvokeAsync<AdminProduct>(Valid() with { UnitPriceNetPence = price, VatRatePercent = (decimal)vat }));
        Assert.Equal("VALIDATION_FAILED", error.Error.Code);
        Assert.Equal([message], error.Errors[field]);
    }

    [Fact]
    public async Task Every_missing_field_is_reported()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            app.Shop.Bus.InvokeAsync<AdminProduct>(new CreateProduct(" ", "Not A Slug", "", null, null, null, null, false, false)));

        Assert.Equal(["Enter a SKU"], error.Errors["sku"]);
        Assert.Equal(["Slug must use lower-case letters, numbers and single hyphens, like backup-pro"], error.Errors["slug"]);
        Assert.Equal(["Enter a name"], error.Errors["name"]);
        Assert.Equal(["Enter a summary"], error.Errors["summary"]);
        Assert.Equal(["Enter a price"], error.Errors["unitPriceNetPence"]);
        Assert.Equal(["Enter a VAT rate"], error.Errors["vatRatePercent"]);
    }

    [Fact]
    public async Task Editing_and_deactivating_a_product()
    {
        var shop = app.Shop;
        var created = await shop.Bus.InvokeAsync<AdminProduct>(Valid());

        var edited = await shop.Bus.InvokeAsync<AdminProduct>(new UpdateProduct(
            created.Id, created.Slug + "-v2", "Renamed", "New summary", "*new*", 2000, 0m, false, true));
        Assert.Equal((created.Sku, "Renamed", 2000L, 2000L), (edited.Sku, edited.Name, edited.UnitPriceNetPence, edited.UnitPriceGrossPence));
        Assert.Contains("<em>new</em>", (await shop.Bus.InvokeAsync<ProductDetail>(new GetProduct(edited.Slug))).DescriptionHtml);

        var off = await shop.Bus.InvokeAsync<AdminProduct>(new SetProductActive(created.Id, false));
        var offAgain = await shop.Bus.InvokeAsync<AdminProduct>(new SetProductActive(created.Id, false));
        Assert.False(off.IsActive);
        Assert.False(offAgain.IsActive);
        Assert.DoesNotContain((await shop.Bus.InvokeAsync<ProductList>(new ListProducts())).Items, p => p.Id == created.Id);

        var listed = await shop.Bus.InvokeAsync<Paged<AdminProduct>>(new ListAdminProducts(created.Sku.ToLowerInvariant(), Active: false));
        Assert.Equal(created.Id, Assert.Single(listed.Items).Id);
    }
}
