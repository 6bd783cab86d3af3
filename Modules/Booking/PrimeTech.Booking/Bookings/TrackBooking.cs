using FluentValidation;
using PrimeTech.BuildingBlocks.Identifiers;
using Wolverine.Marten;

namespace PrimeTech.Booking.Bookings;

/// <summary>Anyone with a booking's reference and its email sees its status and customer-facing history.</summary>
public sealed record TrackBooking(string? Reference, string? Email)
{
    /// <summary>A reference is 17 characters; a little room for spaces pasted around it.</summary>
    public const int ReferenceMaxLength = 40;
    public const int EmailMaxLength = 254;

    public sealed class Validator : AbstractValidator<TrackBooking>
    {
        public Validator()
        {
            RuleFor(x => x.Reference).NotEmpty().WithMessage("Enter your booking reference, like BKG-20260302-7K3Q.");
            RuleFor(x => x.Reference).MaximumLength(ReferenceMaxLength).WithMessage("A booking reference looks like BKG-20260302-7K3Q.");
            RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the email address you booked with.");
            RuleFor(x => x.Email).MaximumLength(EmailMaxLength).WithMessage("Email address must be 254 characters or fewer.");
        }
    }
}

/// <summary>
/// The answer of a guest proof (reference + email): null when either is wrong. Returned rather than
/// thrown so the failure counted by <see cref="TrackingThrottle"/> commits; the endpoint or page
/// then answers the one 404 that does not say which was wrong.
/// </summary>
public sealed record TrackingAnswer(TrackedBooking? Booking)
{
    public TrackedBooking OrThrow() => Booking ?? throw BookingErrors.BookingNotFound();
}

/// <summary>
/// Load refuses a locked-out reference or email, then loads the booking by its reference; Handle
/// answers it only when the email matches too, and otherwise counts a failure.
/// </summary>
public static class TrackBookingHandler
{
    public static async Task<ServiceBooking?> LoadAsync(TrackBooking query, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var reference = NormalisedReference(query.Reference);
        await TrackingThrottle.EnsureNotLockedAsync(session, TrackingThrottle.KeysOf(reference, query.Email), clock.GetUtcNow(), ct);
        return reference is null ? null : await session.Query<ServiceBooking>().SingleOrDefaultAsync(b => b.Reference == reference, ct);
    }

    /// <summary>The booking when both reference and email match; nothing, and a failure counted, whichever of them is wrong.</summary>
    public static (TrackingAnswer, IEnumerable<IMartenOp>) Handle(TrackBooking query, ServiceBooking? booking, TimeProvider clock)
    {
        if (booking is not null && booking.NormalizedContactEmail == ContactRules.NormaliseEmail(query.Email))
            return (new TrackingAnswer(TrackedBooking.From(booking)), []);
        var keys = TrackingThrottle.KeysOf(NormalisedReference(query.Reference), query.Email);
        return (new TrackingAnswer(null), [new TrackingThrottle.Failure(keys, clock.GetUtcNow())]);
    }

    /// <summary>The reference in its stored form, or null when it cannot be one.</summary>
    public static string? NormalisedReference(string? reference) =>
        DatedReference.TryNormalise(ServiceBooking.ReferencePrefix, reference, out var normalised) ? normalised : null;
}

public sealed class TrackBookingEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/bookings/track", async (TrackBooking body, IMessageBus bus) =>
                Results.Ok((await bus.InvokeAsync<TrackingAnswer>(body)).OrThrow()))
            .RequireRateLimiting(BookingRateLimits.Track)
            .WithTags("Bookings")
            .WithSummary("Status and history of a booking, given its reference and the email it was made with (404 when either is wrong; 429 after 5 failures in 15 minutes for the reference or the email).");
}
