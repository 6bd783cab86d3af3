using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Email;

namespace PrimeTech.Booking.Notifications;

/// <summary>What a booking email says, fixed when the change is made; everything but its tracking link.</summary>
public sealed record BookingEmail(
    string To, string ContactName, string Reference, string ServiceName, DateTimeOffset StartUtc, DateTimeOffset EndUtc,
    BookingStatus Status, bool IsRequest, string? CustomerNote, EmailAttachment Calendar);

/// <summary>Sends a booking email with a new tracking link; cascaded (durable outbox) by the change that causes it.</summary>
public sealed record DeliverBookingEmail(Guid BookingId, BookingEmail Email);

/// <summary>
/// Draws the link's token here, so it goes to the SMTP server and nowhere else — not into Wolverine's
/// envelope or dead-letter tables, not into the database, which keeps only its hash (as Identity's
/// emailed links do, D-038). The hash is committed before the email leaves, so the link works when
/// it arrives; a retry after a failed send mails a new link, and the unsent one is never known.
/// </summary>
public static class DeliverBookingEmailHandler
{
    public static async Task Handle(
        DeliverBookingEmail message, Envelope envelope, EmailDeliveryLog sent, IBookingStore store, TimeProvider clock,
        IOptions<SiteOptions> site, IOptions<SmtpOptions> smtp, CancellationToken ct)
    {
        if (await sent.WasSentAsync(envelope.Id, ct)) return;
        var token = TrackingToken.New();
        await using (var session = store.LightweightSession())
        {
            session.Insert(new BookingTrackingLink { Id = TrackingToken.Hash(token), BookingId = message.BookingId, CreatedAt = clock.GetUtcNow() });
            await session.SaveChangesAsync(ct);
        }
        var email = BookingEmails.Render(message.Email, site.Value.Absolute("/bookings/track/" + token));
        await SmtpDelivery.SendAsync(email, smtp.Value, ct);
        await sent.RecordSentAsync(envelope.Id, ct);
    }
}
