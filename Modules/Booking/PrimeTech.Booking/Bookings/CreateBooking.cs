using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.Booking.Availability;
using PrimeTech.Booking.Notifications;
using PrimeTech.Booking.Services;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Persistence;
using Wolverine.Marten;

namespace PrimeTech.Booking.Bookings;

/// <summary>The JSON body of <c>POST /api/bookings</c>; <c>start</c> is the UTC instant of an offered slot.</summary>
public sealed record CreateBookingRequest(string? ServiceSlug, string? Start, string? Name, string? Email, string? Phone, string? Notes);

/// <summary>The signed-in account making a booking (from the session, never from the body).</summary>
public sealed record BookingAccount(Guid UserId, string Email, string Name, bool EmailVerified)
{
    public static BookingAccount? Of(ClaimsPrincipal user) =>
        user.UserId() is { } id
            ? new BookingAccount(id, user.FindFirstValue("email") ?? "", user.FindFirstValue("name") ?? "", user.EmailVerified())
            : null;
}

/// <summary>
/// Books a slot of a service, as a guest or for the signed-in account (whose email is used):
/// the booking starts as Requested and the customer is emailed with a calendar invitation.
/// </summary>
public sealed record CreateBooking(
    string? ServiceSlug, string? Start, string? Name, string? Email, string? Phone, string? Notes, BookingAccount? Account)
{
    public static CreateBooking From(CreateBookingRequest body, BookingAccount? account) =>
        new(body.ServiceSlug, body.Start, body.Name, body.Email, body.Phone, body.Notes, account);

    /// <summary>The contact email: the account's when signed in, else the one given.</summary>
    public string? ContactEmail => Account is { Email.Length: > 0 } account ? account.Email : Email;

    public static bool TryParseStart(string? value, out DateTimeOffset startUtc)
    {
        var ok = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out startUtc);
        startUtc = startUtc.ToUniversalTime();
        return ok;
    }

    /// <summary>A start the validator has accepted.</summary>
    public static DateTimeOffset ParseStart(string? value) =>
        TryParseStart(value, out var startUtc) ? startUtc : throw new FormatException($"'{value}' is not a start time.");

    public sealed class Validator : AbstractValidator<CreateBooking>
    {
        public Validator()
        {
            RuleFor(x => x.ServiceSlug).NotEmpty().WithMessage("Choose a service that can be booked.");
            RuleFor(x => x.ServiceSlug).MaximumLength(80).WithMessage("Choose a service that can be booked.");
            RuleFor(x => x.Start).NotEmpty().WithMessage("Choose one of the times offered.");
            RuleFor(x => x.Start).Must(s => TryParseStart(s, out _)).When(x => !string.IsNullOrWhiteSpace(x.Start))
                .WithMessage("Choose one of the times offered.");
            RuleFor(x => x.Name).NotEmpty().WithMessage("Enter your name.");
            RuleFor(x => x.Name).MaximumLength(100).WithMessage("Enter a name of up to 100 characters.");
            RuleFor(x => x.ContactEmail).NotEmpty().WithMessage("Enter your email address.").OverridePropertyName("email");
            RuleFor(x => x.ContactEmail).Must(ContactRules.IsEmail).When(x => !string.IsNullOrWhiteSpace(x.ContactEmail))
                .WithMessage("Enter an email address in the correct format, like name@example.com.").OverridePropertyName("email");
            RuleFor(x => x.Phone).NotEmpty().WithMessage("Enter a phone number so the engineer can reach you.");
            RuleFor(x => x.Phone).Must(ContactRules.IsPhone).When(x => !string.IsNullOrWhiteSpace(x.Phone))
                .WithMessage("Enter a phone number, like 01632 960 001 or +44 7700 900 123.");
            RuleFor(x => x.Notes).MaximumLength(2000).WithMessage("Keep the notes to 2,000 characters.");
        }
    }
}

/// <summary>What the Load step of a booking settled: the new booking's id and reference, its service and start, the slot claimed for it, and when.</summary>
public sealed record ClaimedSlot(Guid BookingId, string Reference, BookableService Service, DateTimeOffset StartUtc, DateTimeOffset At);

/// <summary>
/// Load checks the request against the calendar, the open-booking limit and the slot claims (each
/// needs the database) and claims the slot; Handle writes the booking and the customer's email.
/// </summary>
public static class CreateBookingHandler
{
    public static async Task<ClaimedSlot> LoadAsync(
        CreateBooking command, IDocumentSession session, TimeProvider clock, IOptions<BookingOptions> options, CancellationToken ct)
    {
        // PRODUCT §4.1: unverified users can sign in but cannot book.
        if (command.Account is { EmailVerified: false })
            throw new DomainException(BookingErrors.EmailNotVerified,
                "Verify your email address before booking: use the link we emailed you, or ask for a new one from your account.");
        var startUtc = CreateBooking.ParseStart(command.Start);

        var slug = command.ServiceSlug!.Trim().ToLowerInvariant();
        var service = await session.Query<BookableService>().SingleOrDefaultAsync(s => s.Slug == slug && s.IsActive, ct)
            ?? throw DomainException.Validation("serviceSlug", "Choose a service that can be booked.");

        var now = clock.GetUtcNow();
        if (WorkingHours.WhyNotOffered(startUtc, service.DurationMinutes, now, options.Value.HorizonDays) is { } problem)
            throw DomainException.Validation("start", problem);

        var claim = new ClaimedSlot(Guid.NewGuid(), await NewReferenceAsync(session, now, ct), service, startUtc, now);
        await EnsureUnderOpenLimitAsync(session, ContactRules.NormaliseEmail(command.ContactEmail), now, ct);
        if (!await SlotClaims.TryClaimAsync(session, claim.BookingId, WorkingHours.BlocksOf(startUtc, startUtc.AddMinutes(service.DurationMinutes)), ct))
            throw new DomainException(BookingErrors.SlotUnavailable,
                "That time has just been booked. Choose another time.",
                new Dictionary<string, string[]> { ["start"] = ["That time has just been booked. Choose another time."] });
        return claim;
    }

    /// <summary>The booking as requested, with its first history entry, inserted; the customer is emailed the request.</summary>
    public static (BookingView, DeliverBookingEmail, InsertDoc<ServiceBooking>) Handle(
        CreateBooking command, ClaimedSlot claim, IOptions<BookingOptions> options, IOptions<SiteOptions> site)
    {
        var email = command.ContactEmail!.Trim();
        var booking = new ServiceBooking
        {
            Id = claim.BookingId,
            Reference = claim.Reference,
            ServiceId = claim.Service.Id,
            ServiceSlug = claim.Service.Slug,
            ServiceName = claim.Service.Name,
            DurationMinutes = claim.Service.DurationMinutes,
            StartUtc = claim.StartUtc,
            EndUtc = claim.StartUtc.AddMinutes(claim.Service.DurationMinutes),
            Status = BookingStatus.Requested,
            UserId = command.Account?.UserId,
            ContactName = command.Name!.Trim(),
            ContactEmail = email,
            NormalizedContactEmail = ContactRules.NormaliseEmail(email),
            ContactPhone = command.Phone!.Trim(),
            CustomerNotes = BookingWorkflow.Clean(command.Notes),
            IcsSequence = 0,
            CreatedAt = claim.At,
            UpdatedAt = claim.At,
        };
        var actor = command.Account is { } account ? BookingActor.Customer(account.UserId, booking.ContactName) : BookingActor.Guest;
        var created = new StatusChange(claim.At, null, BookingStatus.Requested, actor, null, null);
        booking.History.Add(created);

        return (BookingView.From(booking), BookingEmails.For(booking, created, site.Value, options.Value.OrganiserEmail!, claim.At),
            MartenOps.Insert(booking));
    }

    /// <summary>
    /// Refuses a booking beyond <see cref="ServiceBooking.MaxOpenPerEmail"/> open ones (requested or
    /// confirmed, not yet started) for one normalised contact email. The per-email lock, held until
    /// the booking commits, makes parallel requests count one after another; it is taken before the
    /// slot blocks, in every create, so two creates never wait on each other in a circle.
    /// </summary>
    private static async Task EnsureUnderOpenLimitAsync(IDocumentSession session, string normalisedEmail, DateTimeOffset now, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, "booking-contact", normalisedEmail, ct);
        var open = await session.Query<ServiceBooking>().CountAsync(b => b.NormalizedContactEmail == normalisedEmail
            && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed) && b.StartUtc > now, ct);
        if (open >= ServiceBooking.MaxOpenPerEmail)
        {
            const string message = "This email address already has 3 upcoming bookings. Cancel one, or wait until one has taken place, to book again.";
            throw new DomainException(BookingErrors.BookingLimitReached, message,
                new Dictionary<string, string[]> { ["email"] = [message] });
        }
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
                var booking = await bus.InvokeAsync<BookingView>(CreateBooking.From(body, BookingAccount.Of(user)));
                return Results.Created($"/api/bookings/{booking.Reference}", booking);
            })
            .RequireRateLimiting(BookingRateLimits.Create)
            .WithTags("Bookings")
            .WithSummary("Book an offered slot of a service, as a guest or signed in (verified). 201 with the booking in status Requested.");
}
