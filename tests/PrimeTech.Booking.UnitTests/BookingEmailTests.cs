using PrimeTech.Booking.Notifications;
using static PrimeTech.Booking.UnitTests.Given;

namespace PrimeTech.Booking.UnitTests;

/// <summary>What a booking email says: the subject, the London time, the note, and the cancel hint only while it can be cancelled.</summary>
public sealed class BookingEmailTests
{
    private static BookingEmail EmailFor(BookingStatus status, string? note = null)
    {
        var booking = Booked(status);
        var change = new StatusChange(Now, status == BookingStatus.Requested ? null : BookingStatus.Requested, status, BookingActor.Guest, note, "staff only");
        return BookingEmails.For(booking, change, Site.Value, "bookings@primetech.example", Now).Email;
    }

    [Fact]
    public void The_request_email_names_the_service_and_the_London_time_with_a_cancel_hint()
    {
        var email = BookingEmails.Render(EmailFor(BookingStatus.Requested), "https://primetech.example/bookings/track/TOKEN");

        Assert.Equal("Booking BKG-20260302-7K3Q requested: Remote support", email.Subject);
        Assert.Contains("When: Wednesday 4 March 2026, 10:00–11:00 (UK time)", email.TextBody);
        Assert.Contains("Track your booking: https://primetech.example/bookings/track/TOKEN", email.TextBody);
        Assert.Contains("The link also lets you cancel the booking", email.TextBody);
    }

    [Fact]
    public void A_change_email_says_the_new_status_carries_the_customer_note_and_no_cancel_hint_once_it_cannot_be_cancelled()
    {
        var email = BookingEmails.Render(EmailFor(BookingStatus.Declined, "No engineer is free <then>."), "https://primetech.example/t");

        Assert.Equal("Booking BKG-20260302-7K3Q is now declined", email.Subject);
        Assert.Contains("No engineer is free <then>.", email.TextBody);
        Assert.Contains("No engineer is free &lt;then&gt;.", email.HtmlBody);
        Assert.DoesNotContain("cancel the booking", email.TextBody);
        Assert.DoesNotContain("staff only", email.TextBody + email.HtmlBody);
    }
}
