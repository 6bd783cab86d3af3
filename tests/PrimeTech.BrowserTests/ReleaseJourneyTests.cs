using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Identifiers;
using Wolverine;
using Wolverine.Tracking;

namespace PrimeTech.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReleaseJourneyTests(BrowserFixture site)
{
    private sealed record Product(Guid Id, string Sku, string Slug, string Name, bool IsLicensed);

    private async Task<Product> CreateProductAsync(TestUser admin)
    {
        var sku = "BR-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var client = site.ClientFor(admin);
        using var response = await client.PostAsJsonAsync("/api/admin/products", new
        {
            sku, slug = sku.ToLowerInvariant(), name = $"Prime Sync {sku[3..]}", summary = "Keeps folders in step.", descriptionMarkdown = "",
            unitPriceNetPence = 2999, vatRatePercent = 20m, isLicensed = true, isActive = true,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Product>())!;
    }

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.LeavesAsync("/login");
        return page;
    }

    [Fact]
    public async Task An_admin_uploads_a_release_with_progress_shown_and_publishes_it()
    {
        var product = await CreateProductAsync(await site.SignInAdminAsync());
        var page = await site.AdminPageAsync();
        var progress = new ConcurrentQueue<string>();
        await page.ExposeFunctionAsync("reportUploadProgress", (string text) => progress.Enqueue(text));
        await page.AddInitScriptAsync("""
            document.addEventListener("DOMContentLoaded", () => {
                const status = document.getElementById("upload-status");
                if (status) new MutationObserver(() => window.reportUploadProgress(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
            });
            """);

        await page.GotoAsync($"/admin/products/{product.Id}/releases");
        Assert.Equal($"Releases of {product.Name}", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

        var file = RandomNumberGenerator.GetBytes(6 * 1000 * 1000);
        await page.GetByLabel("Version").FillAsync("1.0.0");
        await page.GetByLabel("Release notes").FillAsync("First release.\nWorks on Windows 11.");
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "PrimeSync-Setup.exe", MimeType = "application/octet-stream", Buffer = file });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload release" }).ClickAsync();

        await page.ArrivesAtAsync(new Regex(@"uploaded=1\.0\.0"));
        Assert.Contains(progress, text => System.Text.RegularExpressions.Regex.IsMatch(text, @"^Uploaded \d+% \(\d+\.\d MB of 6\.0 MB\)$"));
        Assert.Contains("Version 1.0.0 uploaded as a draft. Publish it to make it available.", await page.Locator(".flash").InnerTextAsync());
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "1.0.0" });
        Assert.Contains("Draft", await row.InnerTextAsync());
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(file)), await row.InnerTextAsync());
        Assert.Contains("6.0 MB", await row.InnerTextAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1.0.0" }).ClickAsync();
        Assert.Equal("Version 1.0.0 published.", await page.Locator(".flash").InnerTextAsync());
        Assert.Contains("Published", await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "1.0.0" }).InnerTextAsync());
    }

    [Fact]
    public async Task An_upload_refused_by_the_server_shows_the_error_summary_and_field_error()
    {
        var product = await CreateProductAsync(await site.SignInAdminAsync());
        var page = await site.AdminPageAsync();
        await page.GotoAsync($"/admin/products/{product.Id}/releases");

        await page.GetByLabel("Version").FillAsync("1.0");
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "a.zip", MimeType = "application/zip", Buffer = [1, 2, 3] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload release" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Version must look like 1.4.0 or 2.0.0-beta.1", await summary.InnerTextAsync());
        Assert.Equal("true", await page.GetByLabel("Version").GetAttributeAsync("aria-invalid"));
        Assert.StartsWith("Error: ", await page.TitleAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task A_customer_sees_the_licence_downloads_the_release_and_releases_the_machine()
    {
        var admin = await site.SignInAdminAsync();
        var product = await CreateProductAsync(admin);
        var file = RandomNumberGenerator.GetBytes(300 * 1024);
        await UploadAndPublishAsync(admin, product, "2.1.0", file);
        var customer = await site.CreateCustomerAsync(name: "Katherine Johnson");
        await PayAsync(customer, product);
        var key = await LicenceKeyAsync(customer);
        using (var software = site.Host.Server.CreateClient())
            (await software.PostAsJsonAsync("/api/licences/activate", new { licenceKey = key, fingerprint = "machine-fingerprint-0001", machineName = "Office PC" }))
                .EnsureSuccessStatusCode();

        var page = await SignInAsync(customer.Email, customer.Password);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = site.BaseUrl });
        await page.GotoAsync("/account/licences");
        Assert.Equal("Licences", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Equal(key, await page.Locator($"#key-{key}").InnerTextAsync());
        Assert.Contains("Activated on Office PC since", await page.Locator("main").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = $"Copy licence key {key}" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-copy-status]")).ToHaveTextAsync("Copied");
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

        await page.GetByLabel("I have deactivated the software on that computer, or no longer use it").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Release this machine for licence {key}" }).ClickAsync();
        Assert.Equal($"The licence {key} can now be activated on another computer.", await page.Locator(".flash").InnerTextAsync());
        Assert.Contains("Not activated", await page.Locator("main").InnerTextAsync());

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Link, new() { Name = "Downloads" }).ClickAsync();
        Assert.Equal("Downloads", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(file)), await page.Locator("main").InnerTextAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = $"Download {product.Name} 2.1.0" }).ClickAsync());

        Assert.Equal($"{product.Slug}-2.1.0.zip", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        try
        {
            await download.SaveAsAsync(saved);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved))));
        }
        finally
        {
            File.Delete(saved);
        }
    }

    private async Task UploadAndPublishAsync(TestUser admin, Product product, string version, byte[] file)
    {
        using var client = site.ClientFor(admin);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(version), "version");
        form.Add(new StringContent("Faster sync."), "notes");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/zip");
        form.Add(content, "file", "sync.zip");
        using var uploaded = await client.PostAsync($"/api/admin/products/{product.Id}/releases", form);
        uploaded.EnsureSuccessStatusCode();
        var releaseId = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("releaseId").GetGuid();
        (await client.PostAsync($"/api/admin/releases/{releaseId}/publish", null)).EnsureSuccessStatusCode();
    }

    /// <summary>Billing's PaymentConfirmed for an order of one copy, as its webhook will publish it.</summary>
    private Task PayAsync(TestUser customer, Product product) =>
        site.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(new PaymentConfirmed(
                Guid.NewGuid(), DatedReference.New("ORD", DateTimeOffset.UtcNow), "INV-2026-000001", "RCP-2026-000001", customer.Id, customer.Email,
                customer.Name, 3599, "GBP", DateTimeOffset.UtcNow, [new PaidLine(product.Id, product.Sku, product.Name, true, 1)])).AsTask()));

    private async Task<string> LicenceKeyAsync(TestUser customer)
    {
        using var client = site.ClientFor(customer);
        var licences = JsonDocument.Parse(await client.GetStringAsync("/api/licences")).RootElement;
        return licences.GetProperty("items")[0].GetProperty("licenceKey").GetString()!;
    }
}
