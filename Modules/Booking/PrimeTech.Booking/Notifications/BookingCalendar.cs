using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using PrimeTech.BuildingBlocks.Email;

namespace PrimeTech.Booking.Notifications;

/// <summary>
/// The .ics attached to booking emails. One UID per booking (<c>{BKG}@{host of Site:PublicUrl}</c>), so calendars update the same event;
/// SEQUENCE rises with every email; a cancelled or declined booking is sent as METHOD:CANCEL with
/// STATUS:CANCELLED, which removes the event. Times are UTC.
/// </summary>
public static class BookingCalendar
{
    public static EmailAttachment Attachment(ServiceBooking booking, string uidHost, string organiserEmail, DateTimeOffset nowUtc, string trackUrl)
    {
        var cancelled = !booking.HoldsSlot;
        var method = cancelled ? CalendarMethods.Cancel : CalendarMethods.Request;
        var calendar = new Calendar { Method = method };
        calendar.ProductId = "-//Prime Tech Services//Bookings//EN";

        var evt = new CalendarEvent
        {
            Uid = $"{booking.Reference}@{uidHost}",
            Sequence = booking.IcsSequence,
            Summary = $"{booking.ServiceName} — Prime Tech Services",
            Description = $"Booking {booking.Reference} ({booking.Status.Words()}). Track it at {trackUrl}",
            DtStamp = new CalDateTime(nowUtc.UtcDateTime),
            DtStart = new CalDateTime(booking.StartUtc.UtcDateTime),
            DtEnd = new CalDateTime(booking.EndUtc.UtcDateTime),
            Status = booking.Status switch
            {
                BookingStatus.Requested => EventStatus.Tentative,
                BookingStatus.Cancelled or BookingStatus.Declined => EventStatus.Cancelled,
                _ => EventStatus.Confirmed,
            },
            Organizer = new Organizer("mailto:" + organiserEmail) { CommonName = "Prime Tech Services" },
        };
        evt.Attendees.Add(new Attendee("mailto:" + booking.ContactEmail)
        {
            CommonName = booking.ContactName,
            Role = ParticipationRole.RequiredParticipant,
        });
        calendar.Events.Add(evt);

        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return new EmailAttachment(
            $"{booking.Reference}.ics",
            $"text/calendar; charset=utf-8; method={method}",
            System.Text.Encoding.UTF8.GetBytes(text));
    }
}
