using Microsoft.AspNetCore.Hosting;

namespace PrimeTech.Billing.Tests;

[CollectionDefinition(Name)]
public sealed class StripeUnavailableCollection : ICollectionFixture<StripeUnavailableFixture>
{
    public const string Name = "stripe-unavailable";
}

/// <summary>The app with Stripe unreachable (its API base is a closed port).</summary>
public sealed class StripeUnavailableFixture : AppFixture
{
    public override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Stripe:ApiBase", "http://127.0.0.1:9");
    }
}

/// <summary>
/// Checkout when Stripe cannot be reached: the order and its invoice are kept (the customer pays
/// later with "Pay now") and the answer is 502 PAYMENT_PROVIDER_ERROR naming both.
/// </summary>
[Collection(StripeUnavailableCollection.Name)]
public sealed class StripeUnavailableTests(StripeUnavailableFixture app)
{
    [Fact]
    public async Task Checkout_keeps_the_order_and_invoice_and_answers_502_naming_them()
    {
        var customer = await app.CreateCustomerAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Json(new { sku = "PT-ADMIN-SCRIPTS", quantity = 1 }).ToUrl("/api/cart/items");
            s.StatusCodeShouldBeOk();
        });
        var cart = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Get.Url("/api/cart");
            s.StatusCodeShouldBeOk();
        })).ReadAsJsonAsync<JsonElement>();
        await app.SaveAsync(customer.Id);

        var problem = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Json(new { cartRevision = cart.GetProperty("revision").GetInt64() }).ToUrl("/api/orders/checkout");
            s.StatusCodeShouldBe(502);
            s.ContentTypeShouldBe("application/problem+json");
        })).ReadAsJsonAsync<JsonElement>();

        Assert.Equal("PAYMENT_PROVIDER_ERROR", problem.GetProperty("code").GetString());
        var orderNumber = problem.GetProperty("orderNumber").GetString()!;
        var invoiceNumber = problem.GetProperty("invoiceNumber").GetString()!;
        Assert.Matches(@"^ORD-\d{8}-[0-9A-HJKMNP-TV-Z]{4}$", orderNumber);
        Assert.Matches(@"^INV-\d{4}-\d{6}$", invoiceNumber);

        var order = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Get.Url($"/api/orders/{orderNumber}");
            s.StatusCodeShouldBeOk();
        })).ReadAsJsonAsync<JsonElement>();
        Assert.Equal("PendingPayment", order.GetProperty("status").GetString());
        Assert.True(order.GetProperty("canPay").GetBoolean());

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Url($"/api/orders/{orderNumber}/pay");
            s.StatusCodeShouldBe(502);
            s.ContentShouldContain("PAYMENT_PROVIDER_ERROR");
        });
    }

    [Fact]
    public async Task The_cart_page_sends_the_customer_to_the_order_with_an_explanation()
    {
        var customer = await app.CreateCustomerAsync();
        var visitor = PageVisitor.For(app, customer);
        await visitor.PostFormAsync("/products/admin-scripts", new Dictionary<string, string> { ["Quantity"] = "1" }, 303);
        var revision = System.Text.RegularExpressions.Regex.Match((await visitor.GetAsync("/cart")).Html,
            "name=\"cartRevision\" value=\"(\\d+)\"").Groups[1].Value;

        var checkedOut = await visitor.PostFormAsync("/cart?handler=Checkout", TestBillingDetails.CheckoutForm(revision), 303, "/cart");

        Assert.Matches(@"^/account/orders/ORD-\d{8}-[0-9A-HJKMNP-TV-Z]{4}$", checkedOut.Location);
        var orderNumber = checkedOut.Location![(checkedOut.Location!.LastIndexOf('/') + 1)..];
        var page = await visitor.GetAsync(checkedOut.Location);
        Assert.Contains($"We created order {orderNumber} but could not open the payment page. Try", page.Html);
        Assert.Contains("Pay now", page.Html);
    }
}
