using System.Security.Claims;
using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.Booking.Notifications;
using Wolverine.Marten;

namespace PrimeTech.Booking.Admin;

/// <summary>The body of <c>PATCH /api/admin/bookings/{BKG}/status</c>.</summary>
public sealed record ChangeBookingStatusRequest(string? Status, string? CustomerNote, string? InternalNote);

/// <summary>
/// Staff move a booking through its workflow with an optional note for the customer (emailed and
/// shown when tracking) and an optional internal note (staff only). Illegal moves change nothing.
/// </summary>
public sealed record ChangeBookingStatus(string Reference, string? Status, string? CustomerNote, string? InternalNote, string StaffName, Guid? StaffUserId)
{
    public static ChangeBookingStatus From(string reference, ChangeBookingStatusRequest body, ClaimsPrincipal staff) =>
        new(reference, body.Status, body.CustomerNote, body.InternalNote,
            staff.FindFirstValue("name") ?? staff.FindFirstValue("email") ?? "Staff", staff.UserId());

    public sealed class Validator : AbstractValidator<ChangeBookingStatus>
    {
        public Validator()
        {
            RuleFor(x => x.Status).NotEmpty().WithMessage("Choose the new status.");
            RuleFor(x => x.Status).Must(s => BookingStatusText.TryParse(s, out _)).When(x => !string.IsNullOrEmpty(x.Status))
                .WithMessage("Choose one of: Requested, Confirmed, Declined, InProgress, Completed, Cancelled.");
            RuleFor(x => x.CustomerNote).MaximumLength(1000).WithMessage("Keep the note for the customer to 1,000 characters.");
            RuleFor(x => x.InternalNote).MaximumLength(2000).WithMessage("Keep the internal note to 2,000 characters.");
        }
    }
}

/// <summary>Load loads the booking; Handle decides the change, its storage and the customer's email.</summary>
public static class ChangeBookingStatusHandler
{
    public static async Task<ServiceBooking> LoadAsync(ChangeBookingStatus command, IDocumentSession session, CancellationToken ct)
    {
        return await BookingWorkflow.LoadForChangeAsync(session, command.Reference, ct)
            ?? throw DomainException.NotFound("The booking");
    }

    public static (AdminBookingView, DeliverBookingEmail, IEnumerable<IMartenOp>) Handle(
        ChangeBookingStatus command, ServiceBooking booking, TimeProvider clock,
        IOptions<BookingOptions> options, IOptions<SiteOptions> site)
    {
        var now = clock.GetUtcNow();
        var decision = BookingWorkflow.ChangeStatus(booking, BookingStatusText.Parse(command.Status),
            BookingActor.Admin(command.StaffUserId, command.StaffName), command.CustomerNote, command.InternalNote, now);
        return (AdminBookingView.From(booking), BookingEmails.For(booking, decision.Change, site.Value, options.Value.OrganiserEmail!, now),
            decision.Storage);
    }
}

public sealed class ChangeBookingStatusEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPatch("/api/admin/bookings/{reference}/status",
                async (string reference, ChangeBookingStatusRequest body, ClaimsPrincipal user, IMessageBus bus) =>
                    Results.Ok(await bus.InvokeAsync<AdminBookingView>(ChangeBookingStatus.From(reference, body, user))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Move a booking to a new status (409 INVALID_STATUS_TRANSITION when the workflow does not allow it).");
}
