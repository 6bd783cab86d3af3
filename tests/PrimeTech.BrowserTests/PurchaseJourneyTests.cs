using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrimeTech.Testing;
using Xunit;

namespace PrimeTech.BrowserTests;

/// <summary>The purchase journey in Chromium: browse, add to cart, check out, see the order, download the invoice PDF.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PurchaseJourneyTests(BrowserFixture site)
{
    private static async Task AssertAccessibleAsync(IPage page) =>
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

    [Fact]
    public async Task Browse_add_to_cart_check_out_see_the_order_and_download_the_invoice()
    {
        var customer = await site.CreateCustomerAsync(name: "Journey Buyer");
        var page = await site.NewPageAsync();
        // The journey crosses the PDF being rendered and stored in the background; be patient on a busy machine.
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync("/products");
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Prime Backup Pro" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseUrl + "/products/backup-pro");
        Assert.Contains("£59.99 inc. VAT", await page.Locator("main").InnerTextAsync());
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in to buy" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(customer.Email);
        await page.GetByLabel("Password").FillAsync(customer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseUrl + "/products/backup-pro");

        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseUrl + "/cart");
        Assert.Contains("Prime Backup Pro added to your cart.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        var cart = await page.Locator("main").InnerTextAsync();
        Assert.Contains("£119.98", cart);
        Assert.Contains("£99.98", cart);
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await page.WaitForURLAsync(OrderPage());
        var orderNumber = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        Assert.Equal($"Order {orderNumber}", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        var order = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Pending payment", order);
        Assert.Contains("£119.98", order);
        await AssertAccessibleAsync(page);

        var download = await Eventually.GetAsync(async () =>
        {
            // The PDF is rendered and stored just after checkout; until then the link comes back with a notice.
            await page.ReloadAsync();
            var link = page.GetByRole(AriaRole.Link, new() { Name = "Download invoice (PDF)" });
            if (await link.CountAsync() == 0) return null;
            var ready = await page.Context.APIRequest.GetAsync($"/account/orders/{orderNumber}/invoice", new() { MaxRedirects = 0 });
            if (ready.Status != 302) return null;
            return await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        }, "the invoice PDF to be downloadable", TimeSpan.FromSeconds(60));

        Assert.Matches(InvoiceFile(), download.SuggestedFilename);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseUrl + "/account/orders");
        Assert.Contains(orderNumber, await page.Locator("main").InnerTextAsync());
        await AssertAccessibleAsync(page);
    }

    private Regex OrderPage() => new("^" + Regex.Escape(site.BaseUrl) + @"/account/orders/ORD-\d{8}-[0-9A-HJKMNP-TV-Z]{4}$");

    [GeneratedRegex(@"^INV-\d{4}-\d{6}\.pdf$")]
    private static partial Regex InvoiceFile();
}
