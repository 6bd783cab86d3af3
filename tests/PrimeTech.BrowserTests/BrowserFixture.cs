using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace PrimeTech.BrowserTests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The app served on Kestrel at a free loopback port (a browser cannot reach the in-memory test
/// server; the port is also <c>Site:PublicUrl</c>, so Stripe's redirects come back to it), the
/// fixture's Stripe stand-in, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserFixture : AppFixture
{
    private IPlaywright? _playwright;

    protected override bool ServeOnKestrel => true;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => SiteUrl;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await DebianChromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser context (own cookies) with a page on the site.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB" });
        // The first visit to a page compiles its handlers (TypeLoadMode.Dynamic, D-137); with every
        // test project running at once on two cores, CI once took over Playwright's 30 s for that.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A fresh browser signed in as the fixture's admin through the sign-in pages: the password, then a
    /// code computed from the secret the admin enrolled with (through the API, on first use).
    /// </summary>
    public async Task<IPage> AdminPageAsync()
    {
        var enrolment = await this.AdminEnrolmentAsync();
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Email address").FillAsync(AdminEmail);
        await page.GetByLabel("Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArrivesAtAsync(new Regex("/login/two-factor"));
        await page.GetByLabel("Code").FillAsync(await enrolment.NextCodeAsync(Clock));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.LeavesAsync("/login");
        return page;
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
        await base.DisposeAsync();
    }
}
