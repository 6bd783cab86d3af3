using System.Net;
using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

[Collection(BookingCollection.Name)]
public sealed class PageTests(BookingFixture app)
{
    [Fact]
    public async Task The_services_page_lists_the_services_with_links_to_book()
    {
        var (status, html) = await Pages.GetAsync(app, "/services");
        Assert.Equal(200, status);
        Assert.Contains("<title>Book an engineer — Prime Tech Services</title>", html);
        Assert.Contains("meta name=\"description\"", html);
        Assert.Contains("Remote support", html);
        Assert.Contains("href=\"/book?service=on-site-set-up\"", html);
    }

    [Fact]
    public async Task A_guest_books_through_the_pages_without_javascript_and_tracks_it()
    {
        var monday = StartOfOwnWeek(app);
        var tuesday = monday.AddDays(1);
        var email = NewEmail();

        var (_, step1) = await Pages.GetAsync(app, "/book");
        Assert.Contains("name=\"service\" value=\"consultation\"", step1);

        var (_, step2) = await Pages.GetAsync(app, $"/book?service=consultation&date={tuesday:yyyy-MM-dd}");
        var slot = Iso(At(tuesday, 9, 30));
        Assert.Contains($"value=\"{slot}\"", step2);
        Assert.Contains("09:30–10:00", step2);
        Assert.Contains("Free slots on Tuesday", step2);

        var step3 = $"/book?service=consultation&date={tuesday:yyyy-MM-dd}&slot={Uri.EscapeDataString(slot)}";
        var (_, details) = await Pages.GetAsync(app, step3);
        Assert.Contains("<label for=\"Input_Email\">Email address</label>", details);

        // First a mistake: the field error appears beside the field and in the summary.
        var (badStatus, bad, _) = await Pages.PostFormAsync(app, step3, "/book", new()
        {
            ["service"] = "consultation", ["date"] = $"{tuesday:yyyy-MM-dd}", ["slot"] = slot,
            ["Input.Name"] = "Grace Hopper", ["Input.Email"] = "not-an-email", ["Input.Phone"] = "01632 960 002",
        });
        Assert.Equal(200, badStatus);
        Assert.Contains("class=\"error-summary\"", bad);
        Assert.Contains("href=\"#Input_Email\"", bad);
        Assert.Contains("Enter an email address in the correct format", bad);

        var (status, _, location) = await Pages.PostFormAsync(app, step3, "/book", new()
        {
            ["service"] = "consultation", ["date"] = $"{tuesday:yyyy-MM-dd}", ["slot"] = slot,
            ["Input.Name"] = "Grace Hopper", ["Input.Email"] = email, ["Input.Phone"] = "01632 960 002",
            ["Input.Notes"] = "Planning a roll-out to 12 desks.",
        });
        Assert.Equal((int)HttpStatusCode.Redirect, status);
        Assert.NotNull(location);
        var reference = location!.Split("reference=")[1];
        Assert.Matches(ReferencePattern(), reference);

        var (_, done) = await Pages.GetAsync(app, location);
        Assert.Contains(reference, done);

        var tracked = await Pages.TrackPageAsync(app, reference, email);
        Assert.Contains("Requested", tracked);
        Assert.Contains("Consultation", tracked);
        Assert.Contains("Cancel this booking", tracked);

        // The taken slot is no longer offered.
        var (_, again) = await Pages.GetAsync(app, $"/book?service=consultation&date={tuesday:yyyy-MM-dd}");
        Assert.DoesNotContain($"value=\"{slot}\"", again);
    }

    [Fact]
    public async Task Tracking_with_a_wrong_email_shows_not_found_on_the_page()
    {
        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 9), NewEmail());
        var html = await Pages.TrackPageAsync(app, reference, NewEmail());
        Assert.Contains("class=\"error-summary\"", html);
        Assert.Contains("We could not find a booking with that reference and email address.", html);
        Assert.DoesNotContain("Cancel this booking", html);
    }

    [Fact]
    public async Task A_guest_cancels_from_the_track_page()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 14), email);

        var (status, html, _) = await Pages.PostFormAsync(app, "/bookings/track", "/bookings/track?handler=Cancel",
            new() { ["reference"] = reference, ["email"] = email });

        Assert.Equal(200, status);
        Assert.Contains("Your booking has been cancelled.", html);
        Assert.Equal(Bookings.BookingStatus.Cancelled, (await LoadAsync(app, reference))!.Status);
    }
}
