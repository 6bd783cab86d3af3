using PrimeTech.Booking.Flows;
using System.Security.Claims;
using FluentValidation;

namespace PrimeTech.Booking.Admin;

/// <summary>The body of <c>POST /api/admin/bookings/decline</c>.</summary>
public sealed record DeclineBookingsRequest(IReadOnlyList<string>? References, string? Reason);

/// <summary>What became of one reference of a bulk decline: <c>declined</c>, <c>notFound</c> or <c>notRequested</c>.</summary>
public sealed record DeclineOutcome(string Reference, string Outcome, string? Status, string? Detail);

public sealed record DeclineBookingsResult(IReadOnlyList<DeclineOutcome> Results, int Declined);

/// <summary>
/// Staff decline several requested bookings with one reason for the customers. Each booking is
/// declined exactly as a single decline is (<see cref="ChangeBookingStatus"/>: its own transaction
/// and lock, slot freed, customer emailed), so one that cannot be declined leaves the others
/// declined and itself untouched, and the answer says per reference what happened (DECISIONS D-074).
/// </summary>
public sealed record DeclineBookings(IReadOnlyList<string>? References, string? Reason, string StaffName, Guid? StaffUserId)
{
    public const int MaxReferences = 100;

    public static DeclineBookings From(DeclineBookingsRequest body, ClaimsPrincipal staff) =>
        new(body.References, body.Reason, staff.FindFirstValue("name") ?? staff.FindFirstValue("email") ?? "Staff", staff.UserId());

    public sealed class Validator : AbstractValidator<DeclineBookings>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.References).NotEmpty().WithMessage("Choose at least one booking to decline.");
            RuleFor(x => x.References).Must(r => r!.Count <= MaxReferences).When(x => x.References is not null)
                .WithMessage($"Decline up to {MaxReferences} bookings at a time.");
            RuleForEach(x => x.References).NotEmpty().MaximumLength(TrackBooking.ReferenceMaxLength)
                .WithMessage("A booking reference looks like BKG-20260302-7K3Q.");
            RuleFor(x => x.Reason).MaximumLength(1000).WithMessage("Keep the reason to 1,000 characters.");
        }
    }
}

public sealed class DeclineBookingsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/bookings/decline", async (DeclineBookingsRequest body, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await DeclineBookingsFlow.RunAsync(bus, DeclineBookings.From(body, user), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Decline several requested bookings with one reason for the customers; each is declined on its own, with an outcome per reference.");
}
