using System.Text.RegularExpressions;
using PrimeTech.Billing.Buyers;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.Ordering.Carts;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.Tests;

/// <summary>
/// Billing details: kept on the account (API and page), asked for on the cart, required by
/// checkout, snapshotted onto the order and the invoice, and printed on the invoice PDF.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed partial class BillingDetailsTests(PaymentsFixture app)
{
    private const string Api = "/api/account/billing-details";

    private static readonly BillingDetailsRequest German = new(
        "Konrad Zuse", "Zuse Rechenmaschinen GmbH", "Methfesselstraße 7", null, "Berlin", "10965", "DE", "DE 123 456 789");

    private Payments Payments => app.Payments;

    private async Task<JsonElement> JsonAsync(Action<Scenario> scenario) =>
        JsonDocument.Parse(await (await app.Host.Scenario(scenario)).ReadAsTextAsync()).RootElement;

    [Fact]
    public async Task The_account_keeps_billing_details_over_the_api_normalised_and_answers_404_with_a_code_before_any_are_saved()
    {
        var customer = await app.CreateCustomerAsync();

        var none = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url(Api);
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
        Assert.Equal("BILLING_DETAILS_NOT_SET", none.GetProperty("code").GetString());

        var saved = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Put.Json(new
            {
                name = "  Ada Lovelace ", companyName = " ", addressLine1 = "12 Babbage Street", addressLine2 = (string?)null, city = "London",
                postcode = "nw16xe", country = "gb", vatNumber = "gb 987 6543 21",
            }).ToUrl(Api);
            s.StatusCodeShouldBeOk();
            s.Header("Cache-Control").ShouldHaveValues("no-store");
        });
        Assert.Equal(
            """{"name":"Ada Lovelace","companyName":null,"addressLine1":"12 Babbage Street","addressLine2":null,"city":"London","postcode":"NW1 6XE","country":"GB","vatNumber":"GB987654321"}""",
            saved.GetRawText());
        var read = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url(Api);
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(saved.GetRawText(), read.GetRawText());

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Put.Json(TestBillingDetails.Json(German)).ToUrl(Api);
            s.StatusCodeShouldBeOk();
        });
        var changed = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url(Api);
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(("Zuse Rechenmaschinen GmbH", "DE", "DE123456789"),
            (changed.GetProperty("companyName").GetString(), changed.GetProperty("country").GetString(), changed.GetProperty("vatNumber").GetString()));

        await app.Host.Scenario(s =>
        {
            s.Get.Url(Api);
            s.StatusCodeShouldBe(401);
        });
    }

    public static TheoryData<string, object, string, string> BadDetails => new()
    {
        { "a GB VAT number one digit short", Body(vatNumber: "GB12345678"), "vatNumber", "Enter a GB VAT number in the correct format, like GB123456789" },
        { "a health-authority number out of range", Body(vatNumber: "GBHA123"), "vatNumber", "Enter a GB VAT number in the correct format, like GB123456789" },
        { "a German number for a UK address", Body(vatNumber: "DE123456789"), "vatNumber", "A VAT number starting DE is not for an address in United Kingdom: use one like GB123456789" },
        { "a German number one digit short", Body(country: "DE", postcode: "10965", vatNumber: "DE12345678"), "vatNumber", "Enter a DE VAT number in the correct format, like DE123456789" },
        { "a Dutch number without its B", Body(country: "NL", postcode: "1012 AB", vatNumber: "NL123456789001"), "vatNumber", "Enter a NL VAT number in the correct format, like NL123456789B01" },
        { "a Greek number with the ISO code", Body(country: "GR", postcode: "105 57", vatNumber: "GR123456789"), "vatNumber", "Enter the VAT number with its country prefix, like EL123456789" },
        { "a VAT number outside the UK and EU", Body(country: "US", postcode: "10001", vatNumber: "US123456789"), "vatNumber", "We can record UK and EU VAT numbers only: leave the VAT number empty for an address in this country" },
        { "a UK postcode that is not one", Body(postcode: "SW1A"), "postcode", "Enter a real postcode, like SW1A 1AA" },
        { "no postcode in the UK", Body(postcode: ""), "postcode", "Enter the postcode" },
        { "an unknown country", Body(country: "ZZ", postcode: "12345", vatNumber: ""), "country", "Choose a country from the list" },
        { "a three-letter country", Body(country: "GBR"), "country", "Choose a country from the list" },
        { "an oversized company name", Body(companyName: new string('C', 161)), "companyName", "Company name must be 160 characters or fewer" },
        { "an oversized first address line", Body(addressLine1: new string('A', 121)), "addressLine1", "Address line 1 must be 120 characters or fewer" },
        { "an oversized town", Body(city: new string('T', 81)), "city", "Town or city must be 80 characters or fewer" },
        { "an oversized name", Body(name: new string('N', 101)), "name", "Name must be 100 characters or fewer" },
        { "no name", Body(name: " "), "name", "Enter the name to put on invoices" },
        { "a line break in the company name", Body(companyName: "Evil Ltd\r\nBcc: victim@example.test"), "companyName", "Company name must be on one line" },
    };

    private static object Body(string name = "Ada Lovelace", string? companyName = "Analytical Engines Ltd", string addressLine1 = "12 Babbage Street",
        string city = "London", string postcode = "NW1 6XE", string country = "GB", string vatNumber = "GB987654321") =>
        new { name, companyName, addressLine1, addressLine2 = (string?)null, city, postcode, country, vatNumber };

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Bad_billing_details_are_refused_with_the_field_error_and_nothing_is_saved(string what, object body, string field, string message)
    {
        var customer = await app.CreateCustomerAsync();

        var refused = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Put.Json(body).ToUrl(Api);
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        Assert.Equal("VALIDATION_FAILED", refused.GetProperty("code").GetString());
        Assert.True(refused.GetProperty("errors").TryGetProperty(field, out var errors), $"{what}: no error on {field}: {refused}");
        Assert.Equal(message, errors[0].GetString());
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Get.Url(Api);
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task Checkout_is_refused_without_billing_details_and_places_no_order()
    {
        var customer = await app.CreateCustomerAsync();
        var cart = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { sku = "PT-BACKUP-PRO", quantity = 1 }).ToUrl("/api/cart/items");
            s.StatusCodeShouldBeOk();
        });

        var refused = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { cartRevision = cart.GetProperty("revision").GetInt64() }).ToUrl("/api/orders/checkout");
            s.StatusCodeShouldBe(409);
        });

        Assert.Equal("BILLING_DETAILS_REQUIRED", refused.GetProperty("code").GetString());
        var orders = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url("/api/orders");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(0, orders.GetProperty("items").GetArrayLength());
        Assert.Equal(cart.GetProperty("revision").GetInt64(),
            (await Payments.Bus.InvokeAsync<CartView>(new GetCart(customer.Id))).Revision);
    }

    [Fact]
    public async Task The_order_and_invoice_keep_the_details_of_checkout_and_the_PDF_shows_them_with_the_tax_point()
    {
        var owner = await app.CreateCustomerAsync(name: "Ada Account");
        var purchase = await Payments.CheckoutAsync(customer: Payments.CustomerOf(owner));   // with TestBillingDetails.Business
        var invoice = await Payments.InvoiceAsync(purchase.InvoiceNumber);
        var taxPoint = London.Format(invoice.IssuedAt, "d MMMM yyyy");

        // The invoice emailed at checkout carries the details it was issued to.
        var email = await app.Mail.WaitForAsync(owner.Email, m => m.Subject == $"Invoice {purchase.InvoiceNumber} for order {purchase.OrderNumber}");
        var issued = await app.Mail.PdfAttachmentTextAsync(email, $"{purchase.InvoiceNumber}.pdf");
        AssertShowsBusiness(issued);
        Assert.Contains($"Tax point {taxPoint}", issued);

        // The customer moves to Berlin; the issued invoice and the order do not.
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(owner).Put.Json(TestBillingDetails.Json(German)).ToUrl(Api);
            s.StatusCodeShouldBeOk();
        });
        var buyer = (await Payments.InvoiceAsync(purchase.InvoiceNumber)).Buyer;
        Assert.Equal(("Ada Lovelace", "Analytical Engines Ltd", "12 Babbage Street", "Marylebone", "London", "NW1 6XE", "GB", "GB987654321", owner.Email),
            (buyer.Name, buyer.CompanyName, buyer.AddressLine1, buyer.AddressLine2, buyer.City, buyer.Postcode, buyer.Country, buyer.VatNumber, buyer.Email));
        var order = await JsonAsync(s =>
        {
            s.SignedInAs(owner).Get.Url($"/api/orders/{purchase.OrderNumber}");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(
            """{"name":"Ada Lovelace","companyName":"Analytical Engines Ltd","addressLine1":"12 Babbage Street","addressLine2":"Marylebone","city":"London","postcode":"NW1 6XE","country":"GB","vatNumber":"GB987654321"}""",
            order.GetProperty("billingDetails").GetRawText());

        // Paying renders a new revision after the change: it still shows the details of checkout.
        await Payments.PayAsync(purchase);
        await Eventually.GetAsync(async () =>
            await Payments.InvoiceAsync(purchase.InvoiceNumber) is var i && i.Pdfs.Any(p => p.Revision == 2 && p.StoredAt is not null) ? i : null,
            "the Paid invoice PDF to be stored", TimeSpan.FromSeconds(30));
        var link = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(owner).Get.Url($"/api/invoices/{purchase.InvoiceNumber}/download");
            s.StatusCodeShouldBeOk();
        })).ReadAsJsonAsync<DownloadLink>();
        var paid = PdfText.Of(await Payments.Client.GetByteArrayAsync(link!.Url));
        Assert.Contains("Paid", paid);
        AssertShowsBusiness(paid);
        Assert.Contains($"Tax point {taxPoint}", paid);
        Assert.DoesNotContain("Zuse", paid);
        Assert.DoesNotContain("DE123456789", paid);

        // The next checkout takes the new details.
        var next = await Payments.CheckoutAsync(customer: Payments.CustomerOf(owner), details: German);
        var nextBuyer = (await Payments.InvoiceAsync(next.InvoiceNumber)).Buyer;
        Assert.Equal(("Zuse Rechenmaschinen GmbH", "Methfesselstraße 7", "10965", "DE", "DE123456789"),
            (nextBuyer.CompanyName, nextBuyer.AddressLine1, nextBuyer.Postcode, nextBuyer.Country, nextBuyer.VatNumber));
        var nextEmail = await app.Mail.WaitForAsync(owner.Email, m => m.Subject == $"Invoice {next.InvoiceNumber} for order {next.OrderNumber}");
        var nextPdf = await app.Mail.PdfAttachmentTextAsync(nextEmail, $"{next.InvoiceNumber}.pdf");
        Assert.Contains("Zuse Rechenmaschinen GmbH", nextPdf);
        Assert.Contains("Methfesselstraße 7", nextPdf);
        Assert.Contains("Germany", nextPdf);
        Assert.Contains("VAT number: DE123456789", nextPdf);
    }

    private static void AssertShowsBusiness(string pdf)
    {
        foreach (var text in new[] { "Ada Lovelace", "Analytical Engines Ltd", "12 Babbage Street", "Marylebone", "London", "NW1 6XE", "United Kingdom",
                     "VAT number: GB987654321", "VAT number: GB123456789" })
            Assert.Contains(text, pdf);
    }

    [Fact]
    public async Task The_account_page_edits_the_details_and_shows_refusals_beside_the_fields()
    {
        var customer = await app.CreateCustomerAsync(name: "Grace Hopper");
        var visitor = PageVisitor.For(app, customer);

        var empty = await visitor.GetAsync("/account/billing");
        Assert.Contains("<h1>Billing details</h1>", empty.Html);
        Assert.Contains("href=\"/account/billing\" aria-current=\"page\"", empty.Html);
        Assert.Contains("value=\"Grace Hopper\"", empty.Html);
        Assert.Contains("<option value=\"GB\" selected=\"selected\">United Kingdom</option>", empty.Html);

        var refused = await visitor.PostFormAsync("/account/billing",
            TestBillingDetails.FormFields(TestBillingDetails.Business with { Postcode = "NW1", VatNumber = "GB1" }), 400, "/account/billing");
        Assert.Contains("There is a problem", refused.Html);
        Assert.Contains("Enter a real postcode, like SW1A 1AA", refused.Html);
        Assert.Contains("Enter a GB VAT number in the correct format, like GB123456789", refused.Html);
        Assert.Matches(InvalidField("Billing_Postcode"), refused.Html);
        Assert.Contains("value=\"12 Babbage Street\"", refused.Html);
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Get.Url(Api);
            s.StatusCodeShouldBe(404);
        });

        var saved = await visitor.PostFormAsync("/account/billing", TestBillingDetails.FormFields(), 303, "/account/billing");
        Assert.Equal("/account/billing", saved.Location);
        var page = await visitor.GetAsync("/account/billing");
        Assert.Contains("Your billing details have been saved.", page.Html);
        Assert.Contains("value=\"Analytical Engines Ltd\"", page.Html);
        Assert.Contains("value=\"GB987654321\"", page.Html);
    }

    [Fact]
    public async Task The_cart_asks_for_the_details_pre_filled_from_the_account_and_checks_them_before_placing_the_order()
    {
        var customer = await app.CreateCustomerAsync();
        await app.SaveAsync(customer.Id, German);
        var visitor = PageVisitor.For(app, customer);
        await visitor.PostFormAsync("/products/backup-pro", new Dictionary<string, string> { ["Quantity"] = "1" }, 303);

        var cart = await visitor.GetAsync("/cart");
        Assert.Contains("value=\"Zuse Rechenmaschinen GmbH\"", cart.Html);
        Assert.Contains("<option value=\"DE\" selected=\"selected\">Germany</option>", cart.Html);
        var revision = CartRevision().Match(cart.Html).Groups[1].Value;

        var refused = await visitor.PostFormAsync("/cart?handler=Checkout",
            TestBillingDetails.CheckoutForm(revision, German with { VatNumber = "DE12345" }), 400, "/cart");
        Assert.Contains("Enter a DE VAT number in the correct format, like DE123456789", refused.Html);
        Assert.Matches(InvalidField("Billing_VatNumber"), refused.Html);
        var orders = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url("/api/orders");
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal(0, orders.GetProperty("items").GetArrayLength());

        var checkedOut = await visitor.PostFormAsync("/cart?handler=Checkout", TestBillingDetails.CheckoutForm(revision), 303, "/cart");
        Assert.StartsWith(app.Stripe.BaseAddress + "pay/cs_test_", checkedOut.Location);
        var account = await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url(Api);
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal("Analytical Engines Ltd", account.GetProperty("companyName").GetString());
        var orderNumber = (await JsonAsync(s =>
        {
            s.SignedInAs(customer).Get.Url("/api/orders");
            s.StatusCodeShouldBeOk();
        })).GetProperty("items")[0].GetProperty("orderNumber").GetString()!;
        var orderPage = await visitor.GetAsync($"/account/orders/{orderNumber}");
        Assert.Contains("Billed to", orderPage.Html);
        Assert.Contains("Analytical Engines Ltd", orderPage.Html);
        Assert.Contains("GB987654321", orderPage.Html);
    }

    private static Regex InvalidField(string id) => new($"id=\"{id}\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"{id}\"");

    [GeneratedRegex("name=\"cartRevision\" value=\"(\\d+)\"")]
    private static partial Regex CartRevision();
}
