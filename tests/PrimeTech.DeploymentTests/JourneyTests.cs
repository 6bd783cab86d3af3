using Microsoft.Playwright;

namespace PrimeTech.DeploymentTests;

/// <summary>The customer's journeys in Chromium through Caddy at https://127.0.0.1:8443, with the deployment's own stand-in as Stripe.</summary>
[Collection(DeploymentCollection.Name), Trait("Category", "Deployment")]
public sealed partial class JourneyTests(Deployment deployment)
{
    [Fact]
    public async Task A_customer_buys_pays_on_the_hosted_page_gets_the_licence_and_downloads_the_release()
    {
        var customer = (await Customers.CreateAsync(deployment, 1))[0];
        var page = await deployment.NewPageAsync();

        await page.GotoAsync("/login");
        await page.GetByLabel("Email address").FillAsync(customer.Email);
        await page.GetByLabel("Password").FillAsync(customer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.LeavesAsync("/login");

        await page.GotoAsync("/products/backup-pro");
        await page.GetByLabel("Quantity").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.ArrivesAtAsync(Deployment.PublicUrl + "/cart");
        // Pre-filled from the details the customer saved over the API.
        Assert.Equal(TestBillingDetails.Business.AddressLine1, await page.GetByLabel("Address line 1").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();

        await page.ArrivesAtAsync(new Regex("^" + Regex.Escape(deployment.Stripe.BaseAddress.ToString()) + "pay/cs_"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay £59.99" }).ClickAsync();

        await page.ArrivesAtAsync(new Regex("^" + Regex.Escape(Deployment.PublicUrl) + @"/checkout/success\?order=ORD-"));
        var orderNumber = new Uri(page.Url).Query.Split('=')[1];
        await page.GetByRole(AriaRole.Heading, new() { Name = "Payment received" }).WaitForAsync(new() { Timeout = 90_000 });

        var key = await Eventually.GetAsync(async () =>
        {
            await page.GotoAsync("/account/licences");
            var keys = page.Locator("main code[id^='key-']");
            return await keys.CountAsync() > 0 ? await keys.First.InnerTextAsync() : null;
        }, $"the licence of {orderNumber}", TimeSpan.FromSeconds(90));
        Assert.Equal([orderNumber], await Outcomes.LicencesForAsync([orderNumber]));
        Assert.Matches(LicenceKey(), key);

        await page.GotoAsync("/account/downloads");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download Prime Backup Pro 1.0.0" }).ClickAsync());
        Assert.Equal("backup-pro-1.0.0.zip", download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        Assert.True(new FileInfo(await download.PathAsync()).Length > 0);
        // The link is presigned for object storage behind the same TLS proxy.
        Assert.StartsWith(Deployment.PublicS3 + "/", download.Url);
    }

    [Fact]
    public async Task A_guest_books_the_first_free_slot_and_tracks_the_booking()
    {
        var email = $"guest-{Guid.NewGuid():N}@example.test";
        var page = await deployment.NewPageAsync();

        await page.GotoAsync("/services");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book consultation" }).ClickAsync();
        await page.ArrivesAtAsync(new Regex(@"/book\?service="));
        var service = new Uri(page.Url).Query.Split("service=")[1].Split('&')[0];
        // The real clock, and slots earlier runs took: the first day from tomorrow with a free slot.
        ILocator? slot = null;
        for (var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1); slot is null; day = day.AddDays(1))
        {
            Assert.True(day < DateOnly.FromDateTime(DateTime.UtcNow).AddDays(80), "no free consultation slot in the booking horizon");
            await page.GotoAsync($"/book?service={service}&date={day:yyyy-MM-dd}");
            var free = page.Locator("input[type=radio][name=slot]");
            if (await free.CountAsync() > 0) slot = free.First;
        }
        await slot.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await page.GetByLabel("Full name").FillAsync("Grace Hopper");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Phone number").FillAsync("01632 960 003");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request booking" }).ClickAsync();

        Assert.Equal("Booking requested", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        var reference = await page.Locator(".reference").InnerTextAsync();
        Assert.Matches("^BKG-\\d{8}-[0-9A-Z]{4}$", reference);

        await page.GetByRole(AriaRole.Link, new() { Name = "Track this booking" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find my booking" }).ClickAsync();
        Assert.Equal($"Booking {reference}", await page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First.InnerTextAsync());
        Assert.Contains("Requested", await page.Locator(".booking-summary").InnerTextAsync());
        await deployment.Mail.WaitForAsync(email, m => m.Subject.Contains(reference), TimeSpan.FromSeconds(60));
    }

    [GeneratedRegex("^LIC(-[0-9A-Z]{4}){3}$")]
    private static partial Regex LicenceKey();
}
