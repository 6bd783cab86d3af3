using System.Globalization;
using System.Net;
using System.Text;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Booking.Notifications;

/// <summary>
/// The emails a customer gets about a booking: one when it is requested and one for every status
/// change, each with the .ics and a tracking link of its own. Only customer-facing data goes in:
/// never the internal note. The content is fixed when the change is made; the link's token is
/// drawn when the email is sent (<see cref="DeliverBookingEmailHandler"/>), so it never reaches the
/// message store.
/// </summary>
public static class BookingEmails
{
    private const string CancelHint = "The link also lets you cancel the booking, so keep it to yourself.";

    public static DeliverBookingEmail For(ServiceBooking booking, StatusChange change, SiteOptions site, string organiserEmail, DateTimeOffset nowUtc)
    {
        // The calendar file is often shared or synced further than the email, so it gets the plain track page, not the link.
        var trackPage = site.Absolute("/bookings/track?reference=" + Uri.EscapeDataString(booking.Reference));
        var uidHost = new Uri(site.PublicUrl).Host;
        return new DeliverBookingEmail(booking.Id, new BookingEmail(
            booking.ContactEmail, booking.ContactName, booking.Reference, booking.ServiceName, booking.StartUtc, booking.EndUtc,
            booking.Status, IsRequest: change.From is null, change.CustomerNote,
            BookingCalendar.Attachment(booking, uidHost, organiserEmail, nowUtc, trackPage)));
    }

    /// <summary>The email with its tracking link.</summary>
    public static OutgoingEmail Render(BookingEmail email, string trackingLink)
    {
        var subject = email.IsRequest
            ? $"Booking {email.Reference} requested: {email.ServiceName}"
            : $"Booking {email.Reference} is now {email.Status.Words()}";
        var headline = email.Status switch
        {
            BookingStatus.Requested => "Thank you: we have received your booking request and will confirm it shortly.",
            BookingStatus.Confirmed => "Good news: your booking is confirmed.",
            BookingStatus.Declined => "We are sorry: we cannot take this booking. The time has been released.",
            BookingStatus.InProgress => "Your engineer has started work on this booking.",
            BookingStatus.Completed => "Your booking is complete. Thank you for choosing Prime Tech Services.",
            BookingStatus.Cancelled => "Your booking has been cancelled and the time released.",
            _ => "Your booking has been updated.",
        };
        var when = $"{London.Format(email.StartUtc, "dddd d MMMM yyyy, HH:mm")}–{London.Format(email.EndUtc, "HH:mm")} (UK time)";
        var note = email.CustomerNote;
        var cancellable = BookingTransitions.IsAllowed(email.Status, BookingStatus.Cancelled);

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dear {email.ContactName},").AppendLine()
            .AppendLine(headline).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Reference: {email.Reference}")
            .AppendLine(CultureInfo.InvariantCulture, $"Service: {email.ServiceName}")
            .AppendLine(CultureInfo.InvariantCulture, $"When: {when}")
            .AppendLine(CultureInfo.InvariantCulture, $"Status: {email.Status.Display()}");
        if (note is not null)
            text.AppendLine().AppendLine("A note about your booking:").AppendLine(note);
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Track your booking: {trackingLink}");
        if (cancellable)
            text.AppendLine(CancelHint);
        text.AppendLine("The attached calendar file keeps your calendar up to date.").AppendLine()
            .AppendLine("Prime Tech Services");

        static string H(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p>Dear {H(email.ContactName)},</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{H(headline)}</p>")
            .Append("<table>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">Reference</th><td>{H(email.Reference)}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">Service</th><td>{H(email.ServiceName)}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">When</th><td>{H(when)}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">Status</th><td>{H(email.Status.Display())}</td></tr>")
            .Append("</table>");
        if (note is not null)
            html.Append(CultureInfo.InvariantCulture, $"<p><strong>A note about your booking:</strong><br>{H(note)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{H(trackingLink)}\">Track your booking</a>.{(cancellable ? " " + H(CancelHint) : "")}</p>")
            .Append("<p>The attached calendar file keeps your calendar up to date.</p>")
            .Append("<p>Prime Tech Services</p>");

        return new OutgoingEmail(email.To, subject, text.ToString(), html.ToString(), [email.Calendar]);
    }
}
