namespace PrimeTech.BrowserTests;

/// <summary>
/// The purchase journey in Chromium: browse, add to cart, check out, pay on Stripe's hosted page
/// (the stand-in), land on the success page, see the receipt once the webhook confirmed the
/// payment, and download the receipt and invoice PDFs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PurchaseJourneyTests(BrowserFixture site)
{
    private static async Task AssertAccessibleAsync(IPage page) =>
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

    [Fact]
    public async Task Browse_add_to_cart_check_out_pay_see_the_receipt_and_download_the_PDFs()
    {
        // Stripe signs webhooks with real time; another test may have moved the clock.
        site.Clock.Reset();
        var customer = await site.CreateCustomerAsync(name: "Journey Buyer");
        var page = await site.NewPageAsync();

        await page.GotoAsync("/products");
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Prime Backup Pro" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/products/backup-pro");
        Assert.Contains("£59.99 inc. VAT", await page.Locator("main").InnerTextAsync());
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in to buy" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(customer.Email);
        await page.GetByLabel("Password").FillAsync(customer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/products/backup-pro");

        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/cart");
        Assert.Contains("Prime Backup Pro added to your cart.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        var cart = await page.Locator("main").InnerTextAsync();
        Assert.Contains("£119.98", cart);
        Assert.Contains("£99.98", cart);
        await AssertAccessibleAsync(page);

        // The cart asks for the billing details: a VAT number of the wrong format is refused beside its field.
        await TestBillingDetails.FillAsync(page, TestBillingDetails.Business with { VatNumber = "GB12345" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/cart?handler=Checkout");
        Assert.Contains("Enter a GB VAT number in the correct format, like GB123456789", await page.Locator(".error-summary").InnerTextAsync());
        Assert.Equal("true", await page.GetByLabel("VAT number (optional)").GetAttributeAsync("aria-invalid"));
        Assert.Equal(TestBillingDetails.Business.AddressLine1, await page.GetByLabel("Address line 1").InputValueAsync());
        await AssertAccessibleAsync(page);
        await page.GetByLabel("VAT number (optional)").FillAsync(TestBillingDetails.Business.VatNumber!);

        // Off to Stripe's hosted payment page (the stand-in), for the invoice's total.
        await page.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await page.ArrivesAtAsync(new Regex("^" + Regex.Escape(site.Stripe.BaseAddress.ToString()) + "pay/cs_test_"));
        Assert.Contains("£119.98", await page.Locator("main").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay £119.98" }).ClickAsync();

        // Back on the site: the success page waits for the webhook, then shows the receipt.
        await page.ArrivesAtAsync(SuccessPage());
        var orderNumber = new Uri(page.Url).Query.Split('=')[1];
        Assert.Equal("Thank you", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Payment received" }).WaitForAsync();
        var success = await page.Locator("main").InnerTextAsync();
        Assert.Matches(ReceiptNumber(), success);
        Assert.Contains("£119.98", success);
        await AssertAccessibleAsync(page);

        var receipt = await DownloadWhenReadyAsync(page, "Download receipt (PDF)", $"/account/orders/{orderNumber}/receipt");
        Assert.Matches(ReceiptFile(), receipt.SuggestedFilename);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(await receipt.PathAsync()), 0, 4));
        var invoice = await DownloadWhenReadyAsync(page, "Download invoice (PDF)", $"/account/orders/{orderNumber}/invoice");
        Assert.Matches(InvoiceFile(), invoice.SuggestedFilename);

        await page.GetByRole(AriaRole.Link, new() { Name = "View your order" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + $"/account/orders/{orderNumber}");
        var order = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Paid", order);
        Assert.Contains("Analytical Engines Ltd", order);
        Assert.Contains("GB987654321", order);
        Assert.Matches(ReceiptNumber(), order);
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/account/orders");
        Assert.Contains(orderNumber, await page.Locator("main").InnerTextAsync());
        await AssertAccessibleAsync(page);
    }

    /// <summary>Clicks the download link once the PDF is stored (until then the link comes back with a notice).</summary>
    private static async Task<IDownload> DownloadWhenReadyAsync(IPage page, string linkName, string path) =>
        await Eventually.GetAsync(async () =>
        {
            var ready = await page.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            if (ready.Status != 302) return null;
            return await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = linkName }).ClickAsync());
        }, $"{linkName} to be ready", TimeSpan.FromSeconds(30));

    private Regex SuccessPage() => new("^" + Regex.Escape(site.BaseUrl) + @"/checkout/success\?order=ORD-\d{8}-[0-9A-HJKMNP-TV-Z]{4}$");

    [GeneratedRegex(@"RCP-\d{4}-\d{6}")]
    private static partial Regex ReceiptNumber();

    [GeneratedRegex(@"^RCP-\d{4}-\d{6}\.pdf$")]
    private static partial Regex ReceiptFile();

    [GeneratedRegex(@"^INV-\d{4}-\d{6}\.pdf$")]
    private static partial Regex InvoiceFile();
}
