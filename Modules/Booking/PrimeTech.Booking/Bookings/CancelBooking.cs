using System.Security.Claims;
using Carter;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PrimeTech.Booking.Notifications;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Booking.Bookings;

/// <summary>The optional body of the cancel endpoint: guests prove the booking is theirs with its email.</summary>
public sealed record CancelBookingRequest(string? Email);

/// <summary>
/// The customer cancels while the booking is Requested or Confirmed: the owner when signed in, or
/// anyone holding the reference and its email (the same proof as tracking). The slot is freed.
/// </summary>
public sealed record CancelBooking(string Reference, string? Email, Guid? UserId);

public static class CancelBookingHandler
{
    public static async Task<(CustomerBookingView, OutgoingEmail)> Handle(
        CancelBooking command, IDocumentSession session, TimeProvider clock,
        IOptions<SiteOptions> site, IOptions<SmtpOptions> smtp, CancellationToken ct)
    {
        if (command.UserId is null && string.IsNullOrWhiteSpace(command.Email))
            throw DomainException.Validation("email", "Enter the email address you booked with.");

        var booking = await BookingWorkflow.LoadForChangeAsync(session, command.Reference, ct);
        var owner = booking is not null && command.UserId is { } userId && booking.UserId == userId;
        var holdsProof = booking is not null && !string.IsNullOrWhiteSpace(command.Email)
            && booking.Email == ContactRules.NormaliseEmail(command.Email);
        if (booking is null || !(owner || holdsProof))
            throw BookingErrors.BookingNotFound();

        var actor = command.UserId is { } id && owner ? BookingActor.Customer(id) : BookingActor.Guest;
        var now = clock.GetUtcNow();
        var change = BookingWorkflow.ChangeStatus(session, booking, BookingStatus.Cancelled, actor, null, null, now);
        return (CustomerBookingView.From(booking), BookingEmails.For(booking, change, site.Value, smtp.Value.From, now));
    }
}

public sealed class CancelBookingEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        // The body is optional (nullable): a signed-in owner needs none.
        app.MapPost("/api/bookings/{reference}/cancel", async (string reference, CancelBookingRequest? body, ClaimsPrincipal user, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<CustomerBookingView>(new CancelBooking(reference, body?.Email, user.UserId()))))
            .WithTags("Bookings")
            .WithSummary("Cancel a Requested or Confirmed booking: its signed-in owner, or a guest giving the booking's email.");
}
