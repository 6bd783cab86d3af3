namespace PrimeTech.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SiteShellTests(BrowserFixture site)
{
    [Fact]
    public async Task Home_page_renders_with_navigation_and_passes_axe()
    {
        var page = await site.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        Assert.Equal("Software and engineers for UK businesses — Prime Tech Services", await page.TitleAsync());
        Assert.True(await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).IsVisibleAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task Unknown_page_shows_the_styled_404_page()
    {
        var page = await site.NewPageAsync();

        var response = await page.GotoAsync("/this-page-does-not-exist");

        Assert.Equal(404, response!.Status);
        Assert.Equal("Page not found", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" }).ClickAsync();
        await page.ArrivesAtAsync(site.BaseUrl + "/");
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task Skip_link_is_the_first_thing_the_keyboard_reaches()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
    }
}
