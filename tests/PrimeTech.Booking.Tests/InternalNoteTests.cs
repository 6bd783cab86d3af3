using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

[Collection(BookingCollection.Name)]
public sealed class InternalNoteTests(BookingFixture app)
{
    [Fact]
    public async Task Internal_notes_never_reach_the_customer_by_api_page_or_email()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 10), email);
        var secret = "INTERNAL-" + Guid.NewGuid().ToString("N");
        const string forCustomer = "Please have your licence key to hand.";

        await ChangeStatusAsync(app, reference, "Confirmed", forCustomer, secret);
        await ChangeStatusAsync(app, reference, "InProgress", null, secret + "-second");

        var (status, body) = await PostAsync(app, "/api/bookings/track", new { reference, email });
        Assert.Equal(200, status);
        var json = body.GetRawText();
        Assert.DoesNotContain("INTERNAL-", json);
        Assert.DoesNotContain("internalNote", json);
        Assert.DoesNotContain("Test Administrator", json);
        Assert.Contains(forCustomer, json);

        var html = await Pages.TrackPageAsync(app, reference, email);
        Assert.Contains(reference, html);
        Assert.Contains("Please have your licence key to hand.", html);
        Assert.DoesNotContain("INTERNAL-", html);

        var confirmed = await app.Mail.WaitForAsync(email, m => m.Subject == $"Booking {reference} is now confirmed");
        var started = await app.Mail.WaitForAsync(email, m => m.Subject == $"Booking {reference} is now in progress");
        foreach (var mail in new[] { confirmed, started })
        {
            Assert.DoesNotContain("INTERNAL-", mail.Text);
            Assert.DoesNotContain("INTERNAL-", mail.Html);
            var (_, _, ics) = await EmailWithCalendarAsync(app, email, mail.Subject);
            Assert.DoesNotContain("INTERNAL-", ics);
        }
        Assert.Contains(forCustomer, confirmed.Text);
    }
}
