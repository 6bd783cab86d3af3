namespace PrimeTech.Ordering.Tests;

/// <summary>One order has exactly one invoice: repeats of a checkout of the same cart revision return them.</summary>
[Collection(OrderingCollection.Name)]
public sealed class DoubleSubmitTests(OrderingFixture app)
{
    [Fact]
    public async Task Concurrent_submits_of_one_cart_create_one_order_and_one_invoice()
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync();
        var customer = Shop.NewCustomer();
        var cart = await shop.AddAsync(customer, product.Sku, 2);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shop.CheckoutAsync(customer, cart.Revision)));

        Assert.Single(outcomes, o => o.Created);
        Assert.Single(outcomes.Select(o => o.Result.OrderNumber).Distinct());
        Assert.Single(outcomes.Select(o => o.Result.InvoiceNumber).Distinct());
        var orders = await shop.OrdersOfAsync(customer.Id);
        Assert.Single(orders);
        Assert.Single(await shop.InvoicesForOrderAsync(orders[0].Number));
    }

    [Fact]
    public async Task A_repeated_submit_after_the_first_finished_returns_the_same_order_and_invoice()
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync();
        var customer = Shop.NewCustomer();
        var cart = await shop.AddAsync(customer, product.Sku);

        var first = await shop.CheckoutAsync(customer, cart.Revision);
        var again = await shop.CheckoutAsync(customer, cart.Revision);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Result, again.Result);
        Assert.Single(await shop.OrdersOfAsync(customer.Id));
        Assert.Single(await shop.InvoicesForOrderAsync(first.Result.OrderNumber));
    }

    [Fact]
    public async Task The_safety_net_and_the_checkout_never_issue_two_invoices_for_one_order()
    {
        var shop = app.Shop;
        var (_, outcome) = await shop.BuyAsync();
        var order = (await shop.OrderAsync(outcome.Result.OrderNumber))!;
        var placed = Orders.PlaceOrderHandler.Placed(order, replayed: true).Snapshot;

        // Redeliveries of OrderPlaced and repeated requests, all at once.
        await Task.WhenAll(
            shop.Bus.InvokeAsync(placed),
            shop.Bus.InvokeAsync(placed),
            shop.Bus.InvokeAsync<Billing.Contracts.IssuedInvoice>(Flows.CheckoutFlow.IssueInvoiceFor(placed)),
            shop.Bus.InvokeAsync<Billing.Contracts.IssuedInvoice>(Flows.CheckoutFlow.IssueInvoiceFor(placed)));

        var invoice = Assert.Single(await shop.InvoicesForOrderAsync(order.Number));
        Assert.Equal(outcome.Result.InvoiceNumber, invoice.Number);
    }
}
