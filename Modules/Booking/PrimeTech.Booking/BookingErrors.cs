namespace PrimeTech.Booking;

/// <summary>The Booking module's error codes (problem+json <c>code</c>).</summary>
public static class BookingErrors
{
    public static readonly ErrorCode SlotUnavailable =
        new("SLOT_UNAVAILABLE", 409, "That time has just been booked.");

    public static readonly ErrorCode InvalidStatusTransition =
        new("INVALID_STATUS_TRANSITION", 409, "The booking cannot move to that status.");

    public static readonly ErrorCode EmailNotVerified =
        new("EMAIL_NOT_VERIFIED", 403, "Verify your email address first.");

    public static readonly ErrorCode BookingLimitReached =
        new("BOOKING_LIMIT_REACHED", 409, "This email address already has the most upcoming bookings allowed.");

    public static readonly ErrorCode DuplicateValue =
        new("DUPLICATE_VALUE", 409, "That value is already in use.");

    /// <summary>Tracking answers the same for a wrong reference and a wrong email, so neither can be probed.</summary>
    public static DomainException BookingNotFound() =>
        new(ErrorCode.NotFound, "We could not find a booking with that reference and email address.");
}
