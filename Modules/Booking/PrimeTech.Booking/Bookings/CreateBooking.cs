using System.Globalization;
using System.Security.Claims;
using Carter;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PrimeTech.Booking.Availability;
using PrimeTech.Booking.Notifications;
using PrimeTech.Booking.Services;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Booking.Bookings;

/// <summary>The JSON body of <c>POST /api/bookings</c>; the slot start is the UTC instant of an offered slot.</summary>
public sealed record CreateBookingRequest(string? Service, string? SlotStart, string? Name, string? Email, string? Phone, string? Notes);

/// <summary>The account making a booking, when signed in (taken from the session, never from the body).</summary>
public sealed record BookingAccount(Guid UserId, bool EmailVerified)
{
    public static BookingAccount? Of(ClaimsPrincipal user) =>
        user.UserId() is { } id ? new BookingAccount(id, user.EmailVerified()) : null;
}

/// <summary>Books a slot of a service, as a guest or for the signed-in account: the booking starts as Requested.</summary>
public sealed record CreateBooking(
    string? Service, string? SlotStart, string? Name, string? Email, string? Phone, string? Notes, BookingAccount? Account)
{
    public static CreateBooking From(CreateBookingRequest body, BookingAccount? account) =>
        new(body.Service, body.SlotStart, body.Name, body.Email, body.Phone, body.Notes, account);

    public static bool TryParseSlot(string? value, out DateTimeOffset startUtc)
    {
        var ok = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out startUtc);
        startUtc = startUtc.ToUniversalTime();
        return ok;
    }

    public sealed class Validator : AbstractValidator<CreateBooking>
    {
        public Validator()
        {
            RuleFor(x => x.Service).NotEmpty().WithMessage("Choose a service.");
            RuleFor(x => x.SlotStart).NotEmpty().WithMessage("Choose a slot.")
                .Must(s => TryParseSlot(s, out _)).When(x => !string.IsNullOrWhiteSpace(x.SlotStart))
                .WithMessage("Give the slot start as an ISO 8601 date and time, for example 2026-03-02T09:00:00Z.");
            RuleFor(x => x.Name).NotEmpty().WithMessage("Enter your name.")
                .MaximumLength(100).WithMessage("Enter a name of up to 100 characters.");
            RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.")
                .Must(ContactRules.IsEmail).When(x => !string.IsNullOrWhiteSpace(x.Email))
                .WithMessage("Enter an email address in the correct format, like name@example.com.");
            RuleFor(x => x.Phone).NotEmpty().WithMessage("Enter a phone number so the engineer can reach you.")
                .Must(ContactRules.IsPhone).When(x => !string.IsNullOrWhiteSpace(x.Phone))
                .WithMessage("Enter a phone number, like 01632 960 001 or +44 7700 900 123.");
            RuleFor(x => x.Notes).MaximumLength(2000).WithMessage("Keep the notes to 2,000 characters.");
        }
    }
}

public static class CreateBookingHandler
{
    private static readonly CreateBooking.Validator Validator = new();

    public static async Task<(CustomerBookingView, OutgoingEmail)> Handle(
        CreateBooking command, IDocumentSession session, TimeProvider clock,
        IOptions<SiteOptions> site, IOptions<SmtpOptions> smtp, CancellationToken ct)
    {
        // PRODUCT §4.1: unverified users can sign in but cannot book.
        if (command.Account is { EmailVerified: false })
            throw new DomainException(BookingErrors.EmailNotVerified,
                "Verify your email address before booking: use the link we emailed you, or ask for a new one from your account.");
        Validator.EnsureValid(command);
        CreateBooking.TryParseSlot(command.SlotStart, out var startUtc);

        var slug = command.Service!.Trim().ToLowerInvariant();
        var service = await session.Query<BookableService>().SingleOrDefaultAsync(s => s.Slug == slug && s.Active, ct)
            ?? throw DomainException.Validation("service", "Choose one of our services.");

        var now = clock.GetUtcNow();
        if (WorkingHours.WhyNotASlot(startUtc, service.DurationMinutes, now) is { } problem)
            throw DomainException.Validation("slotStart", problem);

        var reference = await NewReferenceAsync(session, now, ct);
        var booking = new ServiceBooking
        {
            Id = Guid.NewGuid(),
            Reference = reference,
            ServiceId = service.Id,
            ServiceName = service.Name,
            SlotStartUtc = startUtc,
            SlotEndUtc = startUtc.AddMinutes(service.DurationMinutes),
            CustomerName = command.Name!.Trim(),
            Email = ContactRules.NormaliseEmail(command.Email),
            Phone = command.Phone!.Trim(),
            CustomerNotes = BookingWorkflow.Clean(command.Notes),
            UserId = command.Account?.UserId,
            Status = BookingStatus.Requested,
            CreatedAt = now,
            IcsSequence = 0,
        };

        if (!await SlotClaims.TryClaimAsync(session, booking.Id, WorkingHours.BlocksOf(booking.SlotStartUtc, booking.SlotEndUtc), ct))
            throw new DomainException(BookingErrors.SlotUnavailable,
                "Someone has just booked that slot, or one overlapping it. Choose another slot.",
                new Dictionary<string, string[]> { ["slotStart"] = ["That slot is no longer available. Choose another one."] });

        var actor = command.Account is { } account ? BookingActor.Customer(account.UserId) : BookingActor.Guest;
        var created = new StatusChange(now, actor.Kind, actor.By, actor.UserId, null, BookingStatus.Requested, null, null);
        booking.History.Add(created);
        session.Insert(booking);

        return (CustomerBookingView.From(booking), BookingEmails.For(booking, created, site.Value, smtp.Value.From, now));
    }

    /// <summary>A fresh BKG reference; the unique index on Reference is the final guard against the rare race.</summary>
    private static async Task<string> NewReferenceAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = DatedReference.New(ServiceBooking.ReferencePrefix, now);
            if (!await session.Query<ServiceBooking>().AnyAsync(b => b.Reference == candidate, ct))
                return candidate;
        }
        throw new InvalidOperationException("Could not find a free booking reference.");
    }
}

public sealed class CreateBookingEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/bookings", async (CreateBookingRequest body, ClaimsPrincipal user, IMessageBus bus) =>
            {
                var booking = await bus.InvokeAsync<CustomerBookingView>(CreateBooking.From(body, BookingAccount.Of(user)));
                return Results.Json(booking, statusCode: StatusCodes.Status201Created);
            })
            .WithTags("Bookings")
            .WithSummary("Book a slot of a service, as a guest or signed in. Answers 201 with the booking in status Requested.");
}
