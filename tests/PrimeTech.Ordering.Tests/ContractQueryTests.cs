using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Tests;

/// <summary>What Ordering answers other modules (release pages, the admin dashboard), and list paging rules.</summary>
[Collection(OrderingCollection.Name)]
public sealed class ContractQueryTests(OrderingFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        app.Clock.Reset();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Product_summaries_by_id_include_inactive_products()
    {
        var shop = app.Shop;
        var active = await shop.CreateProductAsync();
        var inactive = await shop.CreateProductAsync(active: false, licensed: false);

        var summaries = await shop.Bus.InvokeAsync<ProductSummaries>(new GetProductSummaries([active.Id, inactive.Id, Guid.NewGuid()]));

        Assert.Equal(2, summaries.Items.Count);
        Assert.Contains(summaries.Items, p => p.Id == active.Id && p is { IsActive: true, IsLicensed: true } && p.Sku == active.Sku);
        Assert.Contains(summaries.Items, p => p.Id == inactive.Id && p is { IsActive: false, IsLicensed: false });
    }

    [Fact]
    public async Task Order_figures_count_a_london_day()
    {
        // A day of its own, so the counts are this test's alone.
        app.Clock.SetUtcNow(new DateTimeOffset(2036, 3, 3, 10, 0, 0, TimeSpan.Zero));
        var shop = app.Shop;
        var (customer, first) = await shop.BuyAsync();
        await shop.BuyAsync();
        await shop.Bus.InvokeAsync<OrderDetail>(new CancelOrder(first.Result.OrderNumber, customer.Id));

        var figures = await shop.Bus.InvokeAsync<OrderFigures>(new GetOrderFigures(new DateOnly(2036, 3, 3)));
        var dayBefore = await shop.Bus.InvokeAsync<OrderFigures>(new GetOrderFigures(new DateOnly(2036, 3, 2)));

        Assert.Equal(new OrderFigures(Placed: 2, Paid: 0, Cancelled: 1), figures);
        Assert.Equal(new OrderFigures(0, 0, 0), dayBefore);
    }

    [Theory]
    [InlineData(0, 20, "page", "Page must be 1 or more")]
    [InlineData(1, 0, "pageSize", "Page size must be between 1 and 100")]
    [InlineData(1, 101, "pageSize", "Page size must be between 1 and 100")]
    public async Task Paging_out_of_range_is_a_field_error(int page, int pageSize, string field, string message)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            app.Shop.Bus.InvokeAsync<Paged<OrderSummary>>(new ListMyOrders(Guid.NewGuid(), page, pageSize)));

        Assert.Equal("VALIDATION_FAILED", error.Error.Code);
        Assert.Equal([message], error.Errors[field]);
    }
}
