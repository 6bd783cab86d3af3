namespace PrimeTech.Booking;

/// <summary>Rate-limit policies of the booking endpoints and their page posts (per client IP; CODEX_HANDOFF §5.4).</summary>
public static class BookingRateLimits
{
    /// <summary>POST /api/bookings and the /book post: 20 per 10 minutes.</summary>
    public const string Create = "BookingCreate";

    /// <summary>Tracking and cancelling (API and page posts): 10 per minute.</summary>
    public const string Track = "BookingTrack";
}
