using System.Net;
using System.Text.RegularExpressions;

namespace PrimeTech.Ordering.Tests;

/// <summary>The shop's pages over HTTP: what they show, their forms (with antiforgery) and their access rules.</summary>
[Collection(OrderingCollection.Name)]
public sealed class OrderPagesTests(OrderingFixture app)
{
    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task Catalogue_pages_show_prices_including_vat()
    {
        var visitor = PageVisitor.For(app);

        var list = await visitor.GetAsync("/products");
        var detail = await visitor.GetAsync("/products/backup-pro");
        await visitor.GetAsync("/products/no-such-product", 404);

        Assert.Contains("Prime Backup Pro", list.Html);
        Assert.Contains("£59.99", list.Html);
        Assert.Contains("£59.99 inc. VAT", detail.Html);
        Assert.Contains("(£49.99 + VAT at 20%)", detail.Html);
        Assert.Contains("Sign in to buy", detail.Html);
        Assert.Contains("Each copy comes with one licence key for one computer.", detail.Html);
    }

    [Fact]
    public async Task A_customer_adds_to_cart_checks_out_downloads_the_invoice_and_cancels_through_the_pages()
    {
        var visitor = PageVisitor.For(app, await app.CreateCustomerAsync());

        var added = await visitor.PostFormAsync("/products/disk-inspector", new Dictionary<string, string> { ["Quantity"] = "2" }, 303);
        Assert.Equal("/cart", added.Location);

        var cart = await visitor.GetAsync("/cart");
        Assert.Contains("Prime Disk Inspector added to your cart.", cart.Html);
        Assert.Contains("£59.98", cart.Html);
        var revision = Regex.Match(cart.Html, "name=\"cartRevision\" value=\"(\\d+)\"").Groups[1].Value;

        var checkedOut = await visitor.PostFormAsync("/cart?handler=Checkout", TestBillingDetails.CheckoutForm(revision), 303, "/cart");
        // Off to Stripe's payment page (the stand-in); the order is waiting for payment meanwhile.
        Assert.StartsWith(app.Stripe.BaseAddress + "pay/cs_test_", checkedOut.Location);
        var orderPage = "/account/orders/" + Regex.Match((await visitor.GetAsync("/account/orders")).Html, "ORD-\\d{8}-[0-9A-Z]{4}").Value;
        Assert.Matches("^/account/orders/ORD-\\d{8}-[0-9A-Z]{4}$", orderPage);

        var order = await visitor.GetAsync(orderPage);
        Assert.Contains("Pending payment", order.Html);
        Assert.Contains("£59.98", order.Html);
        Assert.Contains("Cancel order", order.Html);
        var invoiceNumber = Regex.Match(order.Html, "INV-\\d{4}-\\d{6}").Value;
        Assert.NotEmpty(invoiceNumber);

        await app.Shop.InvoiceWithStoredPdfAsync(invoiceNumber);
        var download = await visitor.GetAsync(orderPage + "/invoice", 302);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(download.Location)).StatusCode);

        var orders = await visitor.GetAsync("/account/orders");
        Assert.Contains(orderPage, orders.Html);

        await visitor.PostFormAsync(orderPage + "/cancel", NoFields, 303);
        var afterCancel = await visitor.GetAsync(orderPage);
        Assert.Contains("has been cancelled", afterCancel.Html);
        Assert.DoesNotContain($"{orderPage}/cancel", afterCancel.Html);
    }

    [Fact]
    public async Task Checking_out_a_changed_cart_on_the_page_shows_the_error()
    {
        var visitor = PageVisitor.For(app, await app.CreateCustomerAsync());
        await visitor.PostFormAsync("/products/admin-scripts", new Dictionary<string, string> { ["Quantity"] = "1" }, 303);
        var stale = Regex.Match((await visitor.GetAsync("/cart")).Html, "name=\"cartRevision\" value=\"(\\d+)\"").Groups[1].Value;
        await visitor.PostFormAsync("/products/admin-scripts", new Dictionary<string, string> { ["Quantity"] = "1" }, 303);

        var refused = await visitor.PostFormAsync("/cart?handler=Checkout", TestBillingDetails.CheckoutForm(stale), 409, "/cart");

        Assert.Contains("There is a problem", refused.Html);
        Assert.Contains("Your cart changed in another window. Check it and check out again.", refused.Html);
    }

    [Fact]
    public async Task Cart_quantities_are_checked_beside_the_line()
    {
        var visitor = PageVisitor.For(app, await app.CreateCustomerAsync());
        await visitor.PostFormAsync("/products/admin-scripts", new Dictionary<string, string> { ["Quantity"] = "1" }, 303);

        var invalid = await visitor.PostFormAsync("/cart?handler=Update",
            new Dictionary<string, string> { ["sku"] = "PT-ADMIN-SCRIPTS", ["quantity"] = "500" }, 400, "/cart");
        Assert.Contains("Quantity must be between 1 and 100", invalid.Html);
        Assert.Contains("aria-invalid=\"true\"", invalid.Html);

        await visitor.PostFormAsync("/cart?handler=Update", new Dictionary<string, string> { ["sku"] = "PT-ADMIN-SCRIPTS", ["quantity"] = "3" }, 303, "/cart");
        Assert.Contains("Quantity updated.", (await visitor.GetAsync("/cart")).Html);
        await visitor.PostFormAsync("/cart?handler=Remove", new Dictionary<string, string> { ["sku"] = "PT-ADMIN-SCRIPTS" }, 303, "/cart");
        var empty = await visitor.GetAsync("/cart");
        Assert.Contains("Prime Admin Scripts Pack removed from your cart.", empty.Html);
        Assert.Contains("Your cart is empty.", empty.Html);
    }

    [Fact]
    public async Task Another_customers_order_pages_are_not_found()
    {
        var visitor = PageVisitor.For(app, await app.CreateCustomerAsync());
        var (_, outcome) = await app.Shop.BuyAsync();

        await visitor.GetAsync($"/account/orders/{outcome.Result.OrderNumber}", 404);
        await visitor.GetAsync($"/account/orders/{outcome.Result.OrderNumber}/invoice", 404);
        await visitor.GetAsync($"/account/orders/{outcome.Result.OrderNumber}/cancel", 404);
    }

    [Fact]
    public async Task Account_and_admin_pages_are_guarded()
    {
        var cart = await PageVisitor.For(app).GetAsync("/cart", 302);
        Assert.StartsWith("/login?returnUrl=%2Fcart", cart.Location);

        var customer = PageVisitor.For(app, await app.CreateCustomerAsync());
        await customer.GetAsync("/admin/products", 403);
        await customer.GetAsync("/admin/orders", 403);

        var admin = PageVisitor.For(app, await app.SignInAdminAsync());
        Assert.Contains("PT-BACKUP-PRO", (await admin.GetAsync("/admin/products")).Html);
        await admin.GetAsync("/admin/orders");
    }

    [Fact]
    public async Task The_admin_product_form_shows_field_errors_and_saves()
    {
        var admin = PageVisitor.For(app, await app.SignInAdminAsync());

        var invalid = await admin.PostFormAsync("/admin/products/new", new Dictionary<string, string>
        {
            ["Input.Sku"] = "PT-BACKUP-PRO", ["Input.Slug"] = "Bad Slug", ["Input.Name"] = "", ["Input.Summary"] = "S",
            ["Input.Price"] = "12.345", ["Input.VatRate"] = "20",
        }, 400);
        Assert.Contains("There is a problem", invalid.Html);
        Assert.Contains("Enter a price in pounds and pence, like 49.99", invalid.Html);
        Assert.Contains("Enter a name", invalid.Html);
        Assert.Contains("Slug must use lower-case letters", invalid.Html);

        var sku = Shop.UniqueSku();
        await admin.PostFormAsync("/admin/products/new", new Dictionary<string, string>
        {
            ["Input.Sku"] = sku, ["Input.Slug"] = sku.ToLowerInvariant(), ["Input.Name"] = "Form Made Tool", ["Input.Summary"] = "From the form.",
            ["Input.DescriptionMarkdown"] = "**Bold**", ["Input.Price"] = "12.50", ["Input.VatRate"] = "20", ["Input.IsActive"] = "true",
        }, 303);
        var detail = await PageVisitor.For(app).GetAsync("/products/" + sku.ToLowerInvariant());
        Assert.Contains("£15.00 inc. VAT", detail.Html);
        Assert.Contains("<strong>Bold</strong>", detail.Html);

        var duplicate = await admin.PostFormAsync("/admin/products/new", new Dictionary<string, string>
        {
            ["Input.Sku"] = sku, ["Input.Slug"] = sku.ToLowerInvariant() + "-2", ["Input.Name"] = "Again", ["Input.Summary"] = "Again.",
            ["Input.Price"] = "1", ["Input.VatRate"] = "20",
        }, 409);
        Assert.Contains("This SKU is already used by another product", duplicate.Html);
    }

    [Fact]
    public async Task The_admin_order_pages_show_the_order_with_its_invoice()
    {
        var (customer, outcome) = await app.Shop.BuyAsync();
        await app.Shop.InvoiceWithStoredPdfAsync(outcome.Result.InvoiceNumber);
        var admin = PageVisitor.For(app, await app.SignInAdminAsync());

        var list = await admin.GetAsync($"/admin/orders?q={Uri.EscapeDataString(customer.Email)}");
        var detail = await admin.GetAsync($"/admin/orders/{outcome.Result.OrderNumber}");
        await admin.GetAsync($"/admin/orders/{outcome.Result.OrderNumber}/invoice", 302);
        var badDate = await admin.GetAsync("/admin/orders?from=not-a-date", 400);

        Assert.Contains(outcome.Result.OrderNumber, list.Html);
        Assert.Contains(customer.Email, detail.Html);
        Assert.Contains(outcome.Result.InvoiceNumber, detail.Html);
        Assert.Contains("Enter a real date", badDate.Html);
    }
}
