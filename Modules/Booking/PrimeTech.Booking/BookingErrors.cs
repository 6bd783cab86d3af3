using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Booking;

/// <summary>The Booking module's error codes (problem+json <c>code</c>).</summary>
public static class BookingErrors
{
    public static readonly ErrorCode SlotUnavailable =
        new("SLOT_UNAVAILABLE", 409, "That slot is no longer available.");

    public static readonly ErrorCode InvalidStatusTransition =
        new("INVALID_STATUS_TRANSITION", 409, "The booking cannot move to that status.");

    public static readonly ErrorCode EmailNotVerified =
        new("EMAIL_NOT_VERIFIED", 403, "Verify your email address before booking.");

    /// <summary>Tracking answers the same for a wrong reference and a wrong email, so neither can be probed.</summary>
    public static DomainException BookingNotFound() =>
        new(ErrorCode.NotFound, "We could not find a booking with that reference and email address.");
}
