using System.Net;
using System.Text;
using PrimeTech.Booking.Bookings;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Booking.Notifications;

/// <summary>
/// The emails a customer gets about a booking: one when it is made and one for every status
/// change, each with the .ics. Only customer-facing data goes in: never the internal note.
/// </summary>
public static class BookingEmails
{
    public static OutgoingEmail For(ServiceBooking booking, StatusChange change, SiteOptions site, string organiserEmail, DateTimeOffset nowUtc)
    {
        var trackUrl = site.Absolute($"/bookings/track?reference={Uri.EscapeDataString(booking.Reference)}");
        var (subject, headline) = booking.Status switch
        {
            BookingStatus.Requested => ($"Booking request received: {booking.Reference}",
                "Thank you: we have received your booking request. We will confirm it shortly."),
            BookingStatus.Confirmed => ($"Booking confirmed: {booking.Reference}",
                "Good news: your booking is confirmed. An engineer will be with you at the time below."),
            BookingStatus.Declined => ($"Booking declined: {booking.Reference}",
                "We are sorry: we cannot take this booking. The slot has been released."),
            BookingStatus.InProgress => ($"Booking in progress: {booking.Reference}",
                "Your engineer has started work on this booking."),
            BookingStatus.Completed => ($"Booking completed: {booking.Reference}",
                "Your booking is complete. Thank you for choosing Prime Tech Services."),
            BookingStatus.Cancelled => ($"Booking cancelled: {booking.Reference}",
                "Your booking has been cancelled and the slot released."),
            _ => ($"Booking update: {booking.Reference}", "Your booking has been updated."),
        };

        var when = $"{London.Format(booking.SlotStartUtc, "dddd d MMMM yyyy, HH:mm")}–{London.Format(booking.SlotEndUtc, "HH:mm")} (UK time)";
        var note = change.CustomerNote;

        var text = new StringBuilder()
            .AppendLine($"Dear {booking.CustomerName},").AppendLine()
            .AppendLine(headline).AppendLine()
            .AppendLine($"Reference: {booking.Reference}")
            .AppendLine($"Service: {booking.ServiceName}")
            .AppendLine($"When: {when}")
            .AppendLine($"Status: {booking.Status.Display()}");
        if (!string.IsNullOrWhiteSpace(note))
            text.AppendLine().AppendLine("A note from us:").AppendLine(note);
        text.AppendLine().AppendLine($"Track your booking: {trackUrl}")
            .AppendLine("The attached calendar file adds it to your calendar.").AppendLine()
            .AppendLine("Prime Tech Services");

        static string H(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder()
            .Append($"<p>Dear {H(booking.CustomerName)},</p>")
            .Append($"<p>{H(headline)}</p>")
            .Append("<table>")
            .Append($"<tr><th align=\"left\">Reference</th><td>{H(booking.Reference)}</td></tr>")
            .Append($"<tr><th align=\"left\">Service</th><td>{H(booking.ServiceName)}</td></tr>")
            .Append($"<tr><th align=\"left\">When</th><td>{H(when)}</td></tr>")
            .Append($"<tr><th align=\"left\">Status</th><td>{H(booking.Status.Display())}</td></tr>")
            .Append("</table>");
        if (!string.IsNullOrWhiteSpace(note))
            html.Append($"<p><strong>A note from us:</strong><br>{H(note)}</p>");
        html.Append($"<p><a href=\"{H(trackUrl)}\">Track your booking</a>. The attached calendar file adds it to your calendar.</p>")
            .Append("<p>Prime Tech Services</p>");

        return new OutgoingEmail(booking.Email, subject, text.ToString(), html.ToString(),
            [BookingCalendar.Attachment(booking, organiserEmail, nowUtc, trackUrl)]);
    }
}
