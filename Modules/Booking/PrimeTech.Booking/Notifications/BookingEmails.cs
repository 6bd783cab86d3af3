using System.Net;
using System.Text;
using PrimeTech.Booking.Bookings;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Booking.Notifications;

/// <summary>
/// The emails a customer gets about a booking: one when it is requested and one for every status
/// change, each with the .ics. Only customer-facing data goes in: never the internal note.
/// </summary>
public static class BookingEmails
{
    public static OutgoingEmail For(ServiceBooking booking, StatusChange change, SiteOptions site, string organiserEmail, DateTimeOffset nowUtc)
    {
        var trackUrl = site.Absolute("/bookings/track?reference=" + Uri.EscapeDataString(booking.Reference));
        var subject = change.From is null
            ? $"Booking {booking.Reference} requested: {booking.ServiceName}"
            : $"Booking {booking.Reference} is now {booking.Status.Words()}";
        var headline = booking.Status switch
        {
            BookingStatus.Requested => "Thank you: we have received your booking request and will confirm it shortly.",
            BookingStatus.Confirmed => "Good news: your booking is confirmed.",
            BookingStatus.Declined => "We are sorry: we cannot take this booking. The time has been released.",
            BookingStatus.InProgress => "Your engineer has started work on this booking.",
            BookingStatus.Completed => "Your booking is complete. Thank you for choosing Prime Tech Services.",
            BookingStatus.Cancelled => "Your booking has been cancelled and the time released.",
            _ => "Your booking has been updated.",
        };
        var when = $"{London.Format(booking.StartUtc, "dddd d MMMM yyyy, HH:mm")}–{London.Format(booking.EndUtc, "HH:mm")} (UK time)";
        var note = change.CustomerNote;

        var text = new StringBuilder()
            .AppendLine($"Dear {booking.ContactName},").AppendLine()
            .AppendLine(headline).AppendLine()
            .AppendLine($"Reference: {booking.Reference}")
            .AppendLine($"Service: {booking.ServiceName}")
            .AppendLine($"When: {when}")
            .AppendLine($"Status: {booking.Status.Display()}");
        if (note is not null)
            text.AppendLine().AppendLine("A note about your booking:").AppendLine(note);
        text.AppendLine().AppendLine($"Track your booking: {trackUrl}")
            .AppendLine("The attached calendar file keeps your calendar up to date.").AppendLine()
            .AppendLine("Prime Tech Services");

        static string H(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder()
            .Append($"<p>Dear {H(booking.ContactName)},</p>")
            .Append($"<p>{H(headline)}</p>")
            .Append("<table>")
            .Append($"<tr><th align=\"left\">Reference</th><td>{H(booking.Reference)}</td></tr>")
            .Append($"<tr><th align=\"left\">Service</th><td>{H(booking.ServiceName)}</td></tr>")
            .Append($"<tr><th align=\"left\">When</th><td>{H(when)}</td></tr>")
            .Append($"<tr><th align=\"left\">Status</th><td>{H(booking.Status.Display())}</td></tr>")
            .Append("</table>");
        if (note is not null)
            html.Append($"<p><strong>A note about your booking:</strong><br>{H(note)}</p>");
        html.Append($"<p><a href=\"{H(trackUrl)}\">Track your booking</a>. The attached calendar file keeps your calendar up to date.</p>")
            .Append("<p>Prime Tech Services</p>");

        var uidHost = new Uri(site.PublicUrl).Host;
        return new OutgoingEmail(booking.ContactEmail, subject, text.ToString(), html.ToString(),
            [BookingCalendar.Attachment(booking, uidHost, organiserEmail, nowUtc, trackUrl)]);
    }
}
