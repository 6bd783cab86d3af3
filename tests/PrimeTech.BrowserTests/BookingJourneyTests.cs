using System.Globalization;
using Microsoft.Playwright;
using PrimeTech.BuildingBlocks.Time;
using Xunit;

namespace PrimeTech.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class BookingJourneyTests(BrowserFixture site)
{
    [Fact]
    public async Task A_guest_books_a_consultation_and_tracks_it()
    {
        // A fixed Monday morning well ahead, so the week's slots are all free and in the future.
        var monday = new DateOnly(2032, 3, 1);
        site.Clock.SetUtcNow(London.ToUtc(monday, new TimeOnly(8, 0)));
        var tuesday = monday.AddDays(1);
        var email = $"guest-{Guid.NewGuid():N}@example.test";
        var page = await site.NewPageAsync();

        await page.GotoAsync("/services");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book consultation" }).ClickAsync();
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

        await page.GetByRole(AriaRole.Link, new() { Name = tuesday.ToString("ddd d MMM", CultureInfo.GetCultureInfo("en-GB")) }).ClickAsync();
        await page.GetByLabel("09:30–10:00").CheckAsync();
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await page.GetByLabel("Full name").FillAsync("Grace Hopper");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Phone number").FillAsync("01632 960 003");
        await page.GetByLabel("Anything the engineer should know (optional)").FillAsync("Planning a roll-out.");
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Request booking" }).ClickAsync();

        Assert.Equal("Booking requested", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        var reference = await page.Locator(".reference").InnerTextAsync();
        Assert.Matches("^BKG-20320301-[0-9A-Z]{4}$", reference);
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

        await page.GetByRole(AriaRole.Link, new() { Name = "Track this booking" }).ClickAsync();
        Assert.Equal(reference, await page.GetByLabel("Booking reference").InputValueAsync());
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find my booking" }).ClickAsync();

        Assert.Equal($"Booking {reference}", await page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First.InnerTextAsync());
        Assert.Contains("Requested", await page.Locator(".booking-summary").InnerTextAsync());
        Assert.Contains("Tuesday 2 March 2032, 09:30–10:00", await page.Locator(".booking-summary").InnerTextAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
    }
}
