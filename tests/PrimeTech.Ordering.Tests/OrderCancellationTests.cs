using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Invoices;

namespace PrimeTech.Ordering.Tests;

[Collection(OrderingCollection.Name)]
public sealed class OrderCancellationTests(OrderingFixture app)
{
    [Fact]
    public async Task Cancelling_a_pending_order_voids_its_invoice_which_keeps_its_number()
    {
        var shop = app.Shop;
        var (customer, outcome) = await shop.BuyAsync();
        var invoiceNumber = outcome.Result.InvoiceNumber;

        var detail = await shop.Bus.InvokeAsync<OrderDetail>(new CancelOrder(outcome.Result.OrderNumber.ToLowerInvariant(), customer.Id));

        Assert.Equal("Cancelled", detail.Status);
        Assert.Equal("Customer", detail.CancellationReason);
        Assert.False(detail.CanCancel);
        var order = (await shop.OrderAsync(outcome.Result.OrderNumber))!;
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal([OrderStatus.PendingPayment, OrderStatus.Cancelled], order.History.Select(h => h.To));

        var voided = await Testing.Eventually.GetAsync(async () =>
            await shop.InvoiceAsync(invoiceNumber) is { Status: InvoiceStatus.Void } invoice ? invoice : null, "the invoice to be void");
        Assert.Equal(invoiceNumber, voided.Number);
        Assert.NotNull(voided.VoidedAt);

        var withVoidPdf = await shop.InvoiceWithStoredPdfAsync(invoiceNumber, revision: 2);
        Assert.Equal(InvoiceStatus.Void, withVoidPdf.LatestStoredPdf()!.StatusShown);
        Assert.NotNull(withVoidPdf.Pdfs.Single(p => p.Revision == 1).StoredAt);

        var record = await shop.Bus.InvokeAsync<BillingRecord>(new GetOrderBillingRecord(order.Id));
        Assert.Equal((invoiceNumber, "Void"), (record.Invoice!.Number, record.Invoice.Status));
    }

    [Fact]
    public async Task Only_a_pending_order_can_be_cancelled()
    {
        var shop = app.Shop;
        var (customer, outcome) = await shop.BuyAsync();
        await shop.Bus.InvokeAsync<OrderDetail>(new CancelOrder(outcome.Result.OrderNumber, customer.Id));

        var again = await Assert.ThrowsAsync<DomainException>(() =>
            shop.Bus.InvokeAsync<OrderDetail>(new CancelOrder(outcome.Result.OrderNumber, customer.Id)));

        Assert.Equal("ORDER_NOT_PENDING", again.Error.Code);
        Assert.Equal(409, again.Error.Status);
    }

    [Fact]
    public async Task A_checkout_repeated_after_the_order_was_cancelled_is_refused()
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync();
        var customer = Shop.NewCustomer();
        var cart = await shop.AddAsync(customer, product.Sku);
        var outcome = await shop.CheckoutAsync(customer, cart.Revision);
        await shop.Bus.InvokeAsync<OrderDetail>(new CancelOrder(outcome.Result.OrderNumber, customer.Id));

        var repeat = await Assert.ThrowsAsync<DomainException>(() => shop.CheckoutAsync(customer, cart.Revision));

        Assert.Equal("ORDER_NOT_PENDING", repeat.Error.Code);
    }
}
