using System.Net;
using System.Text.Json;
using Alba;
using System.Globalization;

namespace PrimeTech.Ordering.Tests;

/// <summary>The JSON API over HTTP with real sessions: the error contract, auth levels and owner-only access.</summary>
[Collection(OrderingCollection.Name)]
public sealed class OrderingApiTests(OrderingFixture app)
{
    private async Task<JsonElement> JsonAsync(Action<Scenario> scenario)
    {
        var result = await app.Host.Scenario(scenario);
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
    }

    private async Task<(string OrderNumber, string InvoiceNumber)> CheckOutOverApiAsync(TestUser customer, string sku = "PT-BACKUP-PRO", int quantity = 1)
    {
        var cart = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { sku, quantity }).ToUrl("/api/cart/items");
            s.StatusCodeShouldBeOk();
        });
        await app.SaveAsync(customer.Id);
        var created = await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Json(new { cartRevision = cart.GetProperty("revision").GetInt64() }).ToUrl("/api/orders/checkout");
            s.StatusCodeShouldBe(201);
        });
        var body = JsonDocument.Parse(await created.ReadAsTextAsync()).RootElement;
        var orderNumber = body.GetProperty("orderNumber").GetString()!;
        Assert.Equal($"/api/orders/{orderNumber}", created.Context.Response.Headers.Location.ToString());
        return (orderNumber, body.GetProperty("invoiceNumber").GetString()!);
    }

    [Fact]
    public async Task A_verified_customer_checks_out_over_the_api_and_downloads_the_invoice()
    {
        var customer = await app.CreateCustomerAsync();
        var cart = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { sku = "pt-backup-pro", quantity = 2 }).ToUrl("/api/cart/items");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(11998, cart.GetProperty("grossPence").GetInt64());
        Assert.Equal("GBP", cart.GetProperty("currency").GetString());
        var revision = cart.GetProperty("revision").GetInt64();
        await app.SaveAsync(customer.Id);

        var first = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { cartRevision = revision }).ToUrl("/api/orders/checkout");
            s.StatusCodeShouldBe(201);
        });
        var repeat = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { cartRevision = revision }).ToUrl("/api/orders/checkout");
            s.StatusCodeShouldBeOk();
        });
        var orderNumber = first.GetProperty("orderNumber").GetString()!;
        var invoiceNumber = first.GetProperty("invoiceNumber").GetString()!;
        Assert.Equal(first.ToString(), repeat.ToString());
        Assert.StartsWith(app.Stripe.BaseAddress + "pay/cs_test_", first.GetProperty("checkoutUrl").GetString());

        var detail = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url($"/api/orders/{orderNumber}");
            s.StatusCodeShouldBeOk();
            s.Header("Cache-Control").ShouldHaveValues("no-store");
        });
        Assert.Equal("PendingPayment", detail.GetProperty("status").GetString());
        Assert.Equal(11998, detail.GetProperty("grossPence").GetInt64());
        Assert.False(detail.TryGetProperty("orderId", out _));

        var mine = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url("/api/orders");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(orderNumber, mine.GetProperty("items")[0].GetProperty("orderNumber").GetString());
        Assert.Equal(1, mine.GetProperty("totalCount").GetInt32());

        await app.Shop.InvoiceWithStoredPdfAsync(invoiceNumber);
        var link = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url($"/api/invoices/{invoiceNumber}/download");
            s.StatusCodeShouldBeOk();
        });
        using var http = new HttpClient();
        var pdf = await http.GetAsync(link.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Another_customer_gets_404_for_the_order_its_cancellation_and_its_invoice()
    {
        var owner = await app.CreateCustomerAsync();
        var stranger = await app.CreateCustomerAsync();
        var (orderNumber, invoiceNumber) = await CheckOutOverApiAsync(owner);
        await app.Shop.InvoiceWithStoredPdfAsync(invoiceNumber);

        foreach (var (method, url) in new[]
                 {
                     ("GET", $"/api/orders/{orderNumber}"),
                     ("POST", $"/api/orders/{orderNumber}/cancel"),
                     ("GET", $"/api/invoices/{invoiceNumber}/download"),
                 })
        {
            var problem = await JsonAsync(s =>
            {
                s.SignedInAs(stranger);
                if (method == "GET") s.Get.Url(url); else s.Post.Url(url);
                s.StatusCodeShouldBe(404);
                s.ContentTypeShouldBe("application/problem+json");
            });
            Assert.Equal("NOT_FOUND", problem.GetProperty("code").GetString());
        }

        var admin = await app.SignInAdminAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url($"/api/orders/{orderNumber}");
            s.StatusCodeShouldBe(404);
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url($"/api/invoices/{invoiceNumber}/download");
            s.StatusCodeShouldBeOk();
        });
        var cancelled = await JsonAsync(s =>
        {
            s.SignedInAs(owner).Post.Url($"/api/orders/{orderNumber.ToLowerInvariant()}/cancel");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_invoice_whose_pdf_is_not_stored_yet_answers_document_not_ready()
    {
        var customer = await app.CreateCustomerAsync();
        var (orderNumber, invoiceNumber) = await CheckOutOverApiAsync(customer);
        await app.Shop.InvoiceWithStoredPdfAsync(invoiceNumber);
        // As if Storage had not reported the PDF stored yet.
        await app.Shop.SqlAsync(
            "update billing.mt_doc_invoice set data = jsonb_set(data, '{pdfs,0,storedAt}', 'null') where data->>'number' = $1", invoiceNumber);

        var result = await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Get.Url($"/api/invoices/{invoiceNumber}/download");
            s.StatusCodeShouldBe(409);
            s.Header("Retry-After").ShouldHaveValues("2");
            s.ContentTypeShouldBe("application/problem+json");
        });
        Assert.Equal("DOCUMENT_NOT_READY", JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("code").GetString());

        var page = await PageVisitor.For(app, customer).GetAsync($"/account/orders/{orderNumber}/invoice", 303);
        Assert.Equal($"/account/orders/{orderNumber}", page.Location);
    }

    [Fact]
    public async Task Auth_levels_anonymous_unverified_and_not_admin()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/cart");
            s.StatusCodeShouldBe(401);
        });
        var unverified = await app.CreateCustomerAsync(verified: false);
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(unverified).Post.Json(new { sku = "PT-BACKUP-PRO", quantity = 1 }).ToUrl("/api/cart/items");
            s.StatusCodeShouldBeOk();
        });
        var refused = await JsonAsync(s =>
        {
            s.SignedInAs(unverified).Post.Json(new { cartRevision = 1 }).ToUrl("/api/orders/checkout");
            s.StatusCodeShouldBe(403);
        });
        Assert.Equal("EMAIL_NOT_VERIFIED", refused.GetProperty("code").GetString());

        var customer = await app.CreateCustomerAsync();
        var forbidden = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url("/api/admin/orders");
            s.StatusCodeShouldBe(403);
        });
        Assert.Equal("FORBIDDEN", forbidden.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bad_input_gets_the_error_contract_with_field_errors()
    {
        var customer = await app.CreateCustomerAsync();

        var unknown = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { sku = "NO-SUCH-THING", quantity = 1 }).ToUrl("/api/cart/items");
            s.StatusCodeShouldBe(400);
        });
        Assert.Equal("VALIDATION_FAILED", unknown.GetProperty("code").GetString());
        Assert.Equal("Choose a product that exists", unknown.GetProperty("errors").GetProperty("sku")[0].GetString());

        var zero = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { sku = "PT-BACKUP-PRO", quantity = 0 }).ToUrl("/api/cart/items");
            s.StatusCodeShouldBe(400);
        });
        Assert.Equal("Quantity must be between 1 and 100", zero.GetProperty("errors").GetProperty("quantity")[0].GetString());

        var missing = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { }).ToUrl("/api/orders/checkout");
            s.StatusCodeShouldBe(400);
        });
        Assert.True(missing.GetProperty("errors").TryGetProperty("cartRevision", out _));

        await app.SaveAsync(customer.Id);
        var empty = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { cartRevision = 0 }).ToUrl("/api/orders/checkout");
            s.StatusCodeShouldBe(409);
        });
        Assert.Equal("CART_EMPTY", empty.GetProperty("code").GetString());

        var notInCart = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Delete.Url("/api/cart/items/PT-BACKUP-PRO");
            s.StatusCodeShouldBe(404);
        });
        Assert.Equal("NOT_FOUND", notInCart.GetProperty("code").GetString());
        Assert.Empty(await app.Shop.OrdersOfAsync(customer.Id));
    }

    [Fact]
    public async Task Cart_lines_can_be_changed_removed_and_cleared()
    {
        var customer = await app.CreateCustomerAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Json(new { sku = "PT-DISK-INSPECTOR", quantity = 1 }).ToUrl("/api/cart/items");
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Json(new { sku = "PT-ADMIN-SCRIPTS", quantity = 1 }).ToUrl("/api/cart/items");
        });

        var changed = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Put.Json(new { quantity = 3 }).ToUrl("/api/cart/items/pt-disk-inspector");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(4, changed.GetProperty("itemCount").GetInt32());
        var removed = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Delete.Url("/api/cart/items/PT-ADMIN-SCRIPTS");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(1, removed.GetProperty("lines").GetArrayLength());
        var cleared = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Delete.Url("/api/cart");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(0, cleared.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task Admins_manage_products_and_find_orders()
    {
        var admin = await app.SignInAdminAsync();
        var sku = Shop.UniqueSku();
        var created = await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new
            {
                sku, slug = sku.ToLowerInvariant(), name = "Prime Admin Test", summary = "Made over HTTP.",
                descriptionMarkdown = "Plain.", unitPriceNetPence = 1000, vatRatePercent = 20, isLicensed = false, isActive = true,
            }).ToUrl("/api/admin/products");
            s.StatusCodeShouldBe(201);
        });
        var product = JsonDocument.Parse(await created.ReadAsTextAsync()).RootElement;
        Assert.Equal($"/api/admin/products/{product.GetProperty("id").GetGuid()}", created.Context.Response.Headers.Location.ToString());

        var duplicate = await JsonAsync(s =>
        {
            s.SignedInAs(admin).Post.Json(new
            {
                sku, slug = "another-" + sku.ToLowerInvariant(), name = "Again", summary = "Again.", unitPriceNetPence = 1000, vatRatePercent = 20,
            }).ToUrl("/api/admin/products");
            s.StatusCodeShouldBe(409);
        });
        Assert.Equal("DUPLICATE_VALUE", duplicate.GetProperty("code").GetString());
        Assert.Equal("This SKU is already used by another product", duplicate.GetProperty("errors").GetProperty("sku")[0].GetString());

        var customer = await app.CreateCustomerAsync();
        var (orderNumber, invoiceNumber) = await CheckOutOverApiAsync(customer, sku, 2);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var found = await JsonAsync(s =>
        {
            s.SignedInAs(admin).Get.Url($"/api/admin/orders?status=PendingPayment&from={today}&to={today}&q={Uri.EscapeDataString(customer.Email)}");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(orderNumber, found.GetProperty("items")[0].GetProperty("orderNumber").GetString());
        Assert.Equal(customer.Email, found.GetProperty("items")[0].GetProperty("customerEmail").GetString());
        var none = await JsonAsync(s =>
        {
            s.SignedInAs(admin).Get.Url($"/api/admin/orders?status=Paid&q={Uri.EscapeDataString(customer.Email)}");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(0, none.GetProperty("totalCount").GetInt32());
        var badRange = await JsonAsync(s =>
        {
            s.SignedInAs(admin).Get.Url("/api/admin/orders?from=2026-02-02&to=2026-02-01");
            s.StatusCodeShouldBe(400);
        });
        Assert.True(badRange.GetProperty("errors").TryGetProperty("to", out _));

        var detail = await JsonAsync(s =>
        {
            s.SignedInAs(admin).Get.Url($"/api/admin/orders/{orderNumber}");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(customer.Email, detail.GetProperty("order").GetProperty("customerEmail").GetString());
        Assert.Equal(invoiceNumber, detail.GetProperty("billing").GetProperty("invoice").GetProperty("number").GetString());
        Assert.Equal("Issued", detail.GetProperty("billing").GetProperty("invoice").GetProperty("status").GetString());
    }
}
