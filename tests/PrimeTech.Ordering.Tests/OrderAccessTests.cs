using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Ordering.Tests;

/// <summary>Nobody sees or changes another customer's order: NOT_FOUND, never FORBIDDEN.</summary>
[Collection(OrderingCollection.Name)]
public sealed class OrderAccessTests(OrderingFixture app)
{
    [Fact]
    public async Task Another_customers_order_is_not_found()
    {
        var shop = app.Shop;
        var (owner, outcome) = await shop.BuyAsync();
        var stranger = Shop.NewCustomer();

        var read = await Assert.ThrowsAsync<DomainException>(() =>
            shop.Bus.InvokeAsync<OrderDetail>(new GetMyOrder(outcome.Result.OrderNumber, stranger.Id)));
        var cancel = await Assert.ThrowsAsync<DomainException>(() =>
            shop.Bus.InvokeAsync<OrderDetail>(new CancelOrder(outcome.Result.OrderNumber, stranger.Id)));

        Assert.Equal("NOT_FOUND", read.Error.Code);
        Assert.Equal("NOT_FOUND", cancel.Error.Code);
        Assert.Equal(OrderStatus.PendingPayment, (await shop.OrderAsync(outcome.Result.OrderNumber))!.Status);
        var mine = await shop.Bus.InvokeAsync<Paged<OrderSummary>>(new ListMyOrders(stranger.Id));
        Assert.Empty(mine.Items);
        var owners = await shop.Bus.InvokeAsync<Paged<OrderSummary>>(new ListMyOrders(owner.Id));
        Assert.Equal(outcome.Result.OrderNumber, Assert.Single(owners.Items).OrderNumber);
    }

    [Theory]
    [InlineData("ORD-2026")]
    [InlineData("nonsense")]
    [InlineData("ORD-20260101-ILOU")]
    public async Task A_malformed_order_number_is_not_found(string number)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            app.Shop.Bus.InvokeAsync<OrderDetail>(new GetMyOrder(number, Guid.NewGuid())));
        Assert.Equal("NOT_FOUND", error.Error.Code);
    }

    [Fact]
    public async Task The_owner_sees_the_order_with_lines_totals_and_invoice_number()
    {
        var shop = app.Shop;
        var (owner, outcome) = await shop.BuyAsync(quantity: 2, price: 1000);

        var detail = await Testing.Eventually.GetAsync(async () =>
            await shop.Bus.InvokeAsync<OrderDetail>(new GetMyOrder($"  {outcome.Result.OrderNumber.ToLowerInvariant()} ", owner.Id)) is
                { InvoiceNumber: not null } d ? d : null, "the order with its invoice number");

        Assert.Equal(outcome.Result.InvoiceNumber, detail.InvoiceNumber);
        Assert.Equal("PendingPayment", detail.Status);
        Assert.True(detail.CanPay);
        Assert.True(detail.CanCancel);
        var line = Assert.Single(detail.Lines);
        Assert.Equal((2, 2000L, 400L, 2400L), (line.Quantity, line.NetPence, line.VatPence, line.GrossPence));
        Assert.Equal((2000L, 400L, 2400L), (detail.NetPence, detail.VatPence, detail.GrossPence));
    }
}
