using System.Globalization;
using PrimeTech.BuildingBlocks.Time;

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

[Collection(BrowserCollection.Name)]
public sealed class BookingAdminJourneyTests(BrowserFixture site)
{
    [Fact]
    public async Task An_admin_confirms_and_completes_a_booking_and_the_customer_sees_the_history()
    {
        var monday = new DateOnly(2032, 3, 8);
        site.Clock.SetUtcNow(London.ToUtc(monday, new TimeOnly(8, 0)));
        var email = $"guest-{Guid.NewGuid():N}@example.test";
        var created = await site.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                serviceSlug = "remote-support", start = London.ToUtc(monday.AddDays(2), new TimeOnly(11, 0)).ToString("O"),
                name = "Ada Lovelace", email, phone = "01632 960 004",
            }).ToUrl("/api/bookings");
            s.StatusCodeShouldBe(201);
        });
        var reference = System.Text.Json.JsonDocument.Parse(await created.ReadAsTextAsync()).RootElement.GetProperty("reference").GetString()!;

        var admin = await site.AdminPageAsync();

        await admin.GotoAsync($"/admin/bookings?week={monday:yyyy-MM-dd}");
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(admin));
        await admin.GetByRole(AriaRole.Link, new() { Name = "11:00–12:00 Remote support" }).ClickAsync();
        Assert.Equal($"Booking {reference}", await admin.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(admin));

        await admin.GetByLabel("New status").SelectOptionAsync("Confirmed");
        await admin.GetByLabel("Note for the customer (optional)").FillAsync("Please have your licence key to hand.");
        await admin.GetByLabel("Internal note (optional, staff only)").FillAsync("Sam takes this one.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Change status and email the customer" }).ClickAsync();
        Assert.Contains("is now confirmed", await admin.Locator(".flash").InnerTextAsync());
        foreach (var next in new[] { "InProgress", "Completed" })
        {
            await admin.GetByLabel("New status").SelectOptionAsync(next);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Change status and email the customer" }).ClickAsync();
        }
        Assert.Contains("cannot change any more", await admin.Locator("main").InnerTextAsync());

        var customer = await site.NewPageAsync();
        await customer.GotoAsync($"/bookings/track?reference={reference}");
        await customer.GetByLabel("Email address").FillAsync(email);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Find my booking" }).ClickAsync();
        var history = await customer.Locator(".history").InnerTextAsync();
        Assert.Contains("Requested", history);
        Assert.Contains("Confirmed", history);
        Assert.Contains("In progress", history);
        Assert.Contains("Completed", history);
        Assert.Contains("Please have your licence key to hand.", history);
        Assert.DoesNotContain("Sam takes this one.", await customer.ContentAsync());
        Accessibility.AssertNone(await BrowserFixture.SeriousAccessibilityViolationsAsync(customer));
    }
}
