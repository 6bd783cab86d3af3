namespace PrimeTech.BrowserTests;

/// <summary>The account journey in Chromium: register, verify by the emailed link, sign in, change the password, sign out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture site)
{
    private const string Password = "Journey-password-2026";
    private const string NewPassword = "Journey-password-changed-7";

    private static string Squash(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task AssertAccessibleAsync(IPage page) =>
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

    /// <summary>The emailed link points at Site:PublicUrl; the browser opens the same path on the test server.</summary>
    private string OnTestServer(string emailedToken, string path) => $"{site.BaseUrl}{path}?token={emailedToken}";

    [Fact]
    public async Task Register_verify_sign_in_change_password_and_sign_out()
    {
        var email = Accounts.NewEmail("journey");
        var page = await site.NewPageAsync();

        await page.GotoAsync("/register");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Name").FillAsync("Journey Customer");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/register/check-email");
        Assert.Equal("Check your email", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await AssertAccessibleAsync(page);

        var token = await site.EmailedTokenAsync(email, "/verify-email");
        await page.GotoAsync(OnTestServer(token, "/verify-email"));
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify email address" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/login");
        Assert.Contains("Your email address is verified. Sign in to continue.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/account");
        Assert.Contains("Verified", await page.Locator("main").InnerTextAsync());
        Assert.Contains("(Journey Customer)", await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).InnerTextAsync());
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/account/profile");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Confirm new password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/account/profile");
        Assert.Contains("Your password has been changed.", await page.GetByRole(AriaRole.Status).InnerTextAsync());

        await page.GotoAsync("/account/security");
        Assert.Contains("This device", await page.Locator("table").InnerTextAsync());
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).First.ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/");
        Assert.Contains("You have signed out.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).IsVisibleAsync());

        await page.GotoAsync("/account");
        Assert.StartsWith(site.BaseUrl + "/login?returnUrl=", page.Url);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/account");
    }

    [Fact]
    public async Task Field_errors_are_shown_beside_the_fields_with_a_summary()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/register");
        await page.GetByLabel("Email address").FillAsync("not-an-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("There is a problem");
        await Assertions.Expect(summary).ToBeFocusedAsync();   // js/error-summary.js
        Assert.Equal("Error: Enter your name", Squash(await page.Locator("#Input_Name-error").TextContentAsync()));
        Assert.Equal("Error: Enter an email address in the correct format, like name@example.com",
            Squash(await page.Locator("#Input_Email-error").TextContentAsync()));
        Assert.Equal("true", await page.GetByLabel("Email address").GetAttributeAsync("aria-invalid"));
        Assert.Contains("Input_Email-error", await page.GetByLabel("Email address").GetAttributeAsync("aria-describedby"));
        Assert.Equal("not-an-email", await page.GetByLabel("Email address").InputValueAsync());
        Assert.StartsWith("Error: Create an account", await page.TitleAsync());

        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter your name" }).ClickAsync();
        Assert.Equal("Input_Name", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await AssertAccessibleAsync(page);

        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.Equal("Error: Enter your email address", Squash(await page.Locator("#Input_Email-error").TextContentAsync()));
        await AssertAccessibleAsync(page);

        await page.GotoAsync("/forgot-password");
        await AssertAccessibleAsync(page);
    }
}
