using System.Text.RegularExpressions;
using PrimeTech.Billing.Invoices;

namespace PrimeTech.Ordering.Tests;

[Collection(OrderingCollection.Name)]
public sealed partial class CheckoutTests(OrderingFixture app)
{
    [GeneratedRegex(@"^ORD-\d{8}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"^INV-\d{4}-\d{6}$")]
    private static partial Regex InvoiceNumber();

    [Fact]
    public async Task Checkout_creates_a_pending_order_and_its_invoice_from_a_snapshot_of_the_cart()
    {
        var shop = app.Shop;
        var backup = await shop.CreateProductAsync(4999, 20m, licensed: true);
        var scripts = await shop.CreateProductAsync(999, 5m, licensed: false);
        var customer = Shop.NewCustomer();
        await shop.AddAsync(customer, backup.Sku, 3);
        await shop.AddAsync(customer, scripts.Sku, 1);

        var outcome = await shop.CheckoutAsync(customer);

        Assert.True(outcome.Created);
        Assert.Matches(OrderNumber(), outcome.Result.OrderNumber);
        Assert.Matches(InvoiceNumber(), outcome.Result.InvoiceNumber);
        // The customer pays on the Stripe Checkout Session made for the invoice (here, the fixture's stand-in).
        Assert.StartsWith(app.Stripe.BaseAddress + "pay/cs_test_", outcome.Result.CheckoutUrl);

        var order = (await shop.OrderAsync(outcome.Result.OrderNumber))!;
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Equal(customer.Email, order.CustomerEmail);
        var backupLine = order.Lines.Single(l => l.Sku == backup.Sku);
        Assert.Equal((3, 4999L, 14997L, 2999L, 17996L), (backupLine.Quantity, backupLine.UnitPriceNetPence, backupLine.NetPence, backupLine.VatPence, backupLine.GrossPence));
        var scriptsLine = order.Lines.Single(l => l.Sku == scripts.Sku);
        // 5 % of 999 is 49.95: half-up per line gives 50.
        Assert.Equal((999L, 50L, 1049L), (scriptsLine.NetPence, scriptsLine.VatPence, scriptsLine.GrossPence));
        Assert.Equal((15996L, 3049L, 19045L), (order.NetPence, order.VatPence, order.GrossPence));

        var invoice = (await shop.InvoiceAsync(outcome.Result.InvoiceNumber))!;
        Assert.Equal(order.Id, invoice.OrderId);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        Assert.Equal((order.NetPence, order.VatPence, order.GrossPence), (invoice.NetPence, invoice.VatPence, invoice.GrossPence));
        Assert.Equal(customer.Email, invoice.Buyer.Email);
        Assert.Equal("GB123456789", invoice.Seller.VatNumber);

        var cart = await shop.CartAsync(customer);
        Assert.Empty(cart.Lines);
        Assert.True(cart.Revision > 0);

        await Testing.Eventually.TrueAsync(async () => (await shop.OrderAsync(order.Number))!.InvoiceNumber == invoice.Number,
            "the order to record its invoice number");
        var stored = await shop.InvoiceWithStoredPdfAsync(invoice.Number);
        Assert.Equal("application/pdf", "application/pdf");
        Assert.NotNull(stored.Pdfs[0].Sha256);
    }
}
