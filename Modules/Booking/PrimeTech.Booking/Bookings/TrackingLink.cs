using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace PrimeTech.Booking.Bookings;

/// <summary>
/// One emailed tracking link of a booking, stored by the SHA-256 of its token (the document id, so
/// the lookup is the primary key). The token itself — 256 random bits — exists only in the email
/// (DECISIONS D-071). Every booking email carries a new link; all of them stay valid for the
/// booking's life and open it read-only, or cancel it while it can be cancelled.
/// </summary>
public sealed class BookingTrackingLink
{
    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public string Id { get; set; } = "";
    public Guid BookingId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class TrackingToken
{
    public const int Length = 43;

    /// <summary>32 bytes from the CSPRNG, base64url without padding.</summary>
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The shape of a token we issue: checked before touching the database.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The booking a tracking link opens; null for a malformed or unknown token.</summary>
    public static async Task<ServiceBooking?> FindBookingAsync(IQuerySession session, string? token, CancellationToken ct)
    {
        if (!IsWellFormed(token)) return null;
        var link = await session.LoadAsync<BookingTrackingLink>(Hash(token!), ct);
        return link is null ? null : await session.LoadAsync<ServiceBooking>(link.BookingId, ct);
    }
}
