using Alba;

namespace PrimeTech.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class TwoFactorJourneyTests(BrowserFixture site)
{
    [Fact]
    public async Task A_new_admin_is_sent_to_enrol_scans_the_key_confirms_and_signs_in_again_with_a_recovery_code()
    {
        var newAdmin = await site.CreateCustomerAsync(name: "Katherine Johnson");
        var admin = await site.SignInAdminAsync();
        await site.Host.Scenario(s =>
        {
            s.Put.Json(new { roles = new[] { "Customer", "Admin" } }).ToUrl($"/api/admin/users/{newAdmin.Id}/roles");
            s.SignedInAs(admin);
            s.StatusCodeShouldBeOk();
        });

        var page = await site.NewPageAsync();
        await page.GotoAsync("/login?returnUrl=%2Fadmin");
        await page.GetByLabel("Email address").FillAsync(newAdmin.Email);
        await page.GetByLabel("Password").FillAsync(newAdmin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArrivesAtAsync(new Regex("/account/two-factor"));
        Assert.Contains("Admins must set up two-factor sign-in", await page.Locator("main").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Img, new() { Name = "QR code for adding your Prime Tech Services account to an authenticator app" }).IsVisibleAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

        var secret = (await page.Locator("#two-factor-secret").InnerTextAsync()).Replace(" ", "");
        await page.GetByLabel("Code").FillAsync(TwoFactorSteps.WrongCode(secret, site.Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        Assert.Contains("Enter the current code from your authenticator app", await page.Locator(".error-summary").InnerTextAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

        await page.GetByLabel("Code").FillAsync(TwoFactorSteps.Code(secret, site.Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        var recoveryCodes = await page.Locator("#recovery-codes li").AllInnerTextsAsync();
        Assert.Equal(10, recoveryCodes.Count);
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved my recovery codes" }).ClickAsync();
        await page.ArrivesAtAsync(new Regex("/admin$"));

        // Another browser: password, then a code (this time step's is used: a recovery code).
        var again = await site.NewPageAsync();
        await again.GotoAsync("/login?returnUrl=%2Fadmin%2Fusers");
        await again.GetByLabel("Email address").FillAsync(newAdmin.Email);
        await again.GetByLabel("Password").FillAsync(newAdmin.Password);
        await again.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await again.ArrivesAtAsync(new Regex("/login/two-factor"));
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(again));
        await again.GetByLabel("Code").FillAsync(recoveryCodes[0].Trim());
        await again.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await again.ArrivesAtAsync(new Regex("/admin/users$"));
        Assert.Equal("Users", await again.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
    }
}
