namespace PrimeTech.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AdminUsersJourneyTests(BrowserFixture site)
{
    [Fact]
    public async Task An_admin_finds_a_user_locks_them_with_a_reason_and_unlocks_them()
    {
        var customer = await site.CreateCustomerAsync(verified: false, name: "Grace Hopper");

        var admin = await site.AdminPageAsync();

        await admin.GotoAsync("/admin/users");
        await admin.GetByLabel("Email or name").FillAsync(customer.Email);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(admin));
        await admin.GetByRole(AriaRole.Link, new() { Name = customer.Email }).ClickAsync();
        Assert.Equal("Grace Hopper", await admin.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(admin));

        await admin.GetByRole(AriaRole.Button, new() { Name = "Lock account" }).ClickAsync();
        Assert.Contains("There is a problem", await admin.Locator(".error-summary").InnerTextAsync());
        Assert.Contains("Enter a reason", await admin.Locator("#LockReason-error").InnerTextAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(admin));

        await admin.GetByLabel("Reason").FillAsync("Asked us to close the account while they are abroad");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lock account" }).ClickAsync();
        Assert.Equal($"{customer.Email} is locked and signed out everywhere.", await admin.Locator(".flash").InnerTextAsync());
        Assert.Contains("Asked us to close the account", await admin.Locator("main").InnerTextAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(admin));

        await admin.GetByRole(AriaRole.Button, new() { Name = "Unlock account" }).ClickAsync();
        Assert.Equal($"{customer.Email} is unlocked.", await admin.Locator(".flash").InnerTextAsync());
        Assert.Contains("Unlocked", await admin.GetByRole(AriaRole.Table, new() { Name = "Changes made by admins" }).InnerTextAsync());
    }
}
