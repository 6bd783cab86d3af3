using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.Booking.Notifications;
using Wolverine.Marten;

namespace PrimeTech.Booking.Bookings;

/// <summary>The booking an emailed tracking link opens, without reference or email (<see cref="BookingTrackingLink"/>).</summary>
public sealed record TrackBookingByLink(string? Token);

/// <summary>The guest cancels through an emailed tracking link; the reason, if given, becomes the history's customer note.</summary>
public sealed record CancelBookingByLink(string? Token, string? Reason)
{
    public sealed class Validator : AbstractValidator<CancelBookingByLink>
    {
        public Validator() =>
            RuleFor(x => x.Reason).MaximumLength(1000).WithMessage("Keep the reason to 1,000 characters.");
    }
}

/// <summary>The body of <c>POST /api/bookings/track/{token}/cancel</c>.</summary>
public sealed record CancelBookingByLinkRequest(string? Reason);

public static class TrackBookingByLinkHandler
{
    /// <summary>A 256-bit token cannot be guessed, so unknown tokens are not counted; the per-IP limit still applies.</summary>
    public static DomainException LinkNotFound() =>
        new(ErrorCode.NotFound, "This tracking link is not valid. Track your booking with its reference and email address instead.");

    public static async Task<TrackedBooking> Handle(TrackBookingByLink query, IQuerySession session, CancellationToken ct) =>
        TrackedBooking.From(await TrackingToken.FindBookingAsync(session, query.Token, ct) ?? throw LinkNotFound());
}

/// <summary>Load finds the link's booking; Handle decides the cancellation and the customer's email.</summary>
public static class CancelBookingByLinkHandler
{
    public static async Task<ServiceBooking> LoadAsync(CancelBookingByLink command, IDocumentSession session, CancellationToken ct)
    {
        var found = await TrackingToken.FindBookingAsync(session, command.Token, ct) ?? throw TrackBookingByLinkHandler.LinkNotFound();
        // Locked and loaded again: the change must see the latest committed state.
        return await BookingWorkflow.LoadForChangeAsync(session, found.Reference, ct) ?? throw TrackBookingByLinkHandler.LinkNotFound();
    }

    public static (TrackedBooking, DeliverBookingEmail, IEnumerable<IMartenOp>) Handle(
        CancelBookingByLink command, ServiceBooking booking, TimeProvider clock,
        IOptions<BookingOptions> options, IOptions<SiteOptions> site)
    {
        var now = clock.GetUtcNow();
        var decision = BookingWorkflow.ChangeStatus(booking, BookingStatus.Cancelled, BookingActor.Guest, command.Reason, null, now);
        return (TrackedBooking.From(booking), BookingEmails.For(booking, decision.Change, site.Value, options.Value.OrganiserEmail!, now),
            decision.Storage);
    }
}

public sealed class TrackBookingByLinkEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bookings/track/{token}", async (string token, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<TrackedBooking>(new TrackBookingByLink(token))))
            .RequireRateLimiting(BookingRateLimits.Track)
            .WithTags("Bookings")
            .WithSummary("The booking an emailed tracking link opens (404 for an unknown link).");
        app.MapPost("/api/bookings/track/{token}/cancel", async (string token, CancelBookingByLinkRequest? body, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<TrackedBooking>(new CancelBookingByLink(token, body?.Reason))))
            .RequireRateLimiting(BookingRateLimits.Track)
            .WithTags("Bookings")
            .WithSummary("Cancel a Requested or Confirmed booking through its emailed tracking link (404 unknown link, 409 INVALID_STATUS_TRANSITION).");
    }
}
