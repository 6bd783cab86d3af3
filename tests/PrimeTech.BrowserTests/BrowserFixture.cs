using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrimeTech.Testing;
using Xunit;

namespace PrimeTech.BrowserTests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The app served on Kestrel at a free loopback port (a browser cannot reach the in-memory test
/// server) and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserFixture : AppFixture
{
    private WebApplicationFactory<Program>? _site;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        _site = new WebApplicationFactory<Program>().WithWebHostBuilder(ConfigureWebHost);
        _site.UseKestrel(0);
        _site.StartServer();
        var addresses = _site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }

    /// <summary>A fresh browser context (own cookies) with a page on the site.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB" });
        return await context.NewPageAsync();
    }

    /// <summary>Runs axe-core on the page and returns the serious and critical violations.</summary>
    public static async Task<IReadOnlyList<AxeResultItem>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_site is not null) await _site.DisposeAsync();
        await base.DisposeAsync();
    }
}
