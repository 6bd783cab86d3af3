using System.Security.Claims;
using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.Booking.Notifications;
using Wolverine.Marten;

namespace PrimeTech.Booking.Bookings;

/// <summary>The optional body of the cancel endpoint: guests prove the booking is theirs with its email.</summary>
public sealed record CancelBookingRequest(string? Email, string? Reason);

/// <summary>
/// The customer cancels while the booking is Requested or Confirmed: the owner when signed in, or
/// anyone holding the reference and its email (the same proof as tracking). The slot is freed;
/// the reason, if given, becomes the history's customer note.
/// </summary>
public sealed record CancelBooking(string Reference, string? Email, string? Reason, Guid? UserId)
{
    public sealed class Validator : AbstractValidator<CancelBooking>
    {
        public Validator()
        {
            RuleFor(x => x.Email).NotEmpty().When(x => x.UserId is null).WithMessage("Enter the email address you booked with.");
            RuleFor(x => x.Email).MaximumLength(TrackBooking.EmailMaxLength).WithMessage("Email address must be 254 characters or fewer.");
            RuleFor(x => x.Reason).MaximumLength(1000).WithMessage("Keep the reason to 1,000 characters.");
        }
    }
}

/// <summary>
/// The cancelled booking: the full view for its signed-in owner, the tracking view for a guest;
/// neither when the booking was not found or the guest's email was wrong (returned, not thrown, so
/// the failure counted by <see cref="TrackingThrottle"/> commits).
/// </summary>
public sealed record CancelledBooking(BookingView? Owner, TrackedBooking? Tracked)
{
    public static readonly CancelledBooking NotFound = new(null, null);

    public TrackedBooking OrThrow() => Tracked ?? throw BookingErrors.BookingNotFound();
}

/// <summary>
/// Load loads the booking and, for a guest's proof by email, refuses a locked-out
/// reference or email; Handle decides: not found (counting a failed proof), or the cancellation.
/// </summary>
public static class CancelBookingHandler
{
    public static async Task<ServiceBooking?> LoadAsync(CancelBooking command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var booking = await BookingWorkflow.LoadForChangeAsync(session, command.Reference, ct);
        // Only the proof by email is throttled: the signed-in owner needs none.
        if (NeedsProof(command, booking) && !string.IsNullOrWhiteSpace(command.Email))
            await TrackingThrottle.EnsureNotLockedAsync(session, ThrottleKeys(command), clock.GetUtcNow(), ct);
        return booking;
    }

    public static (CancelledBooking, DeliverBookingEmail?, IEnumerable<IMartenOp>) Handle(
        CancelBooking command, ServiceBooking? booking, TimeProvider clock,
        IOptions<BookingOptions> options, IOptions<SiteOptions> site)
    {
        var now = clock.GetUtcNow();
        var owner = !NeedsProof(command, booking);
        // A signed-in caller who is not the owner and gives no email cannot succeed: nothing to count.
        if (!owner && string.IsNullOrWhiteSpace(command.Email))
            return (CancelledBooking.NotFound, null, []);
        if (!owner && (booking is null || booking.NormalizedContactEmail != ContactRules.NormaliseEmail(command.Email)))
            return (CancelledBooking.NotFound, null, [new TrackingThrottle.Failure(ThrottleKeys(command), now)]);

        var actor = owner ? BookingActor.Customer(command.UserId!.Value, booking!.ContactName) : BookingActor.Guest;
        var decision = BookingWorkflow.ChangeStatus(booking!, BookingStatus.Cancelled, actor, command.Reason, null, now);
        return (new CancelledBooking(owner ? BookingView.From(booking!) : null, TrackedBooking.From(booking!)),
            BookingEmails.For(booking!, decision.Change, site.Value, options.Value.OrganiserEmail!, now), decision.Storage);
    }

    /// <summary>Everyone but the booking's signed-in owner proves it is theirs with its email.</summary>
    private static bool NeedsProof(CancelBooking command, ServiceBooking? booking) =>
        booking is null || command.UserId is not { } userId || booking.UserId != userId;

    private static IReadOnlyList<string> ThrottleKeys(CancelBooking command) =>
        TrackingThrottle.KeysOf(TrackBookingHandler.NormalisedReference(command.Reference), command.Email);
}

public sealed class CancelBookingEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        // The body is optional (nullable): a signed-in owner needs none.
        app.MapPost("/api/bookings/{reference}/cancel", async (string reference, CancelBookingRequest? body, ClaimsPrincipal user, IMessageBus bus) =>
            {
                var cancelled = await bus.InvokeAsync<CancelledBooking>(new CancelBooking(reference, body?.Email, body?.Reason, user.UserId()));
                return cancelled.Owner is { } view ? Results.Ok(view) : Results.Ok(cancelled.OrThrow());
            })
            .RequireRateLimiting(BookingRateLimits.Track)
            .WithTags("Bookings")
            .WithSummary("Cancel a Requested or Confirmed booking: its signed-in owner, or a guest giving the booking's email (404 when wrong; 429 after 5 failures in 15 minutes for the reference or the email).");
}
