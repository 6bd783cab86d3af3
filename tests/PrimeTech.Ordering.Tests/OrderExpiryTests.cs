using PrimeTech.Billing.Invoices;

namespace PrimeTech.Ordering.Tests;

/// <summary>Pending orders expiring after two seconds instead of seven days, for each test of the class.</summary>
[Collection(OrderingCollection.Name)]
public sealed class OrderExpiryTests(OrderingFixture app) : IDisposable
{
    private readonly IDisposable _shortExpiry = app.Override(("Orders:PendingExpiry", "00:00:02"));

    public void Dispose() => _shortExpiry.Dispose();

    [Fact]
    public async Task An_unpaid_order_is_cancelled_by_the_message_scheduled_at_checkout_and_its_invoice_voided()
    {
        var shop = app.Shop;
        var (_, outcome) = await shop.BuyAsync();
        Assert.Equal(OrderStatus.PendingPayment, (await shop.OrderAsync(outcome.Result.OrderNumber))!.Status);

        var expired = await Eventually.GetAsync(async () =>
            await shop.OrderAsync(outcome.Result.OrderNumber) is { Status: OrderStatus.Cancelled } order ? order : null,
            "the order to expire", TimeSpan.FromSeconds(30));

        Assert.Equal(CancellationReason.Expired, expired.CancellationReason);
        Assert.Equal(ChangedBy.System, expired.History.Last().By);
        var invoice = await Eventually.GetAsync(async () =>
            await shop.InvoiceAsync(outcome.Result.InvoiceNumber) is { Status: InvoiceStatus.Void } i ? i : null, "the invoice to be void");
        Assert.Equal(outcome.Result.InvoiceNumber, invoice.Number);
    }

    [Fact]
    public async Task The_expiry_leaves_an_order_that_is_no_longer_pending_alone()
    {
        var shop = app.Shop;
        var (customer, outcome) = await shop.BuyAsync();
        var order = (await shop.OrderAsync(outcome.Result.OrderNumber))!;
        await shop.Bus.InvokeAsync<OrderDetail>(new CancelOrder(order.Number, customer.Id));

        await shop.Bus.InvokeAsync(new ExpirePendingOrder(order.Id));

        var after = (await shop.OrderAsync(order.Number))!;
        Assert.Equal(CancellationReason.Customer, after.CancellationReason);
        Assert.Equal(2, after.History.Count);
    }
}
