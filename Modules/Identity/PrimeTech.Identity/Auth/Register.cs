using PrimeTech.BuildingBlocks.Persistence;
using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.Identity.Emails;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Auth;

/// <summary>
/// Creates a customer account and emails a verification link. An email that already has an
/// account changes nothing: its owner is told by email instead, and the caller gets the same
/// answer after the same hashing work. Registering never signs in.
/// </summary>
public sealed record Register(string? Email, string? Name, string? Password)
{
    public const string Accepted = "We have sent an email to the address you gave. Follow the link in it to continue.";

    public sealed class Validator : AbstractValidator<Register>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Name).PersonName();
            RuleFor(x => x.Email).Email();
            RuleFor(x => x.Password).NewPassword(x => x.Email);
        }
    }
}

public static class RegisterHandler
{
    private static readonly TimeSpan AlreadyRegisteredCoolDown = TimeSpan.FromSeconds(60);

    public static async Task<OutgoingMessages> Handle(
        Register command, IDocumentSession session, PasswordHashing passwords, TimeProvider clock,
        IOptions<SiteOptions> site, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = User.Create(command.Email!, command.Name!, "", now);
        user.PasswordHash = passwords.Hash(user, command.Password!);

        await TransactionLock.AcquireAsync(session, "email:" + user.NormalizedEmail, ct);
        var existing = await session.Query<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == user.NormalizedEmail, ct);
        if (existing is not null)
        {
            if (existing.LastAccountEmailAt is { } last && now - last < AlreadyRegisteredCoolDown) return [];
            existing.LastAccountEmailAt = now;
            session.Store(existing);
            return [IdentityEmails.AlreadyRegistered(existing, site.Value)];
        }

        user.LastAccountEmailAt = now;
        session.Insert(user);
        return [EmailTokens.Issue(session, user.Id, EmailTokenPurpose.VerifyEmail, now)];
    }
}

public sealed record RegisterRequest(string? Email, string? Name, string? Password);

public sealed record MessageResponse(string Message);

public sealed class RegisterEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/register", async (RegisterRequest body, IMessageBus bus, CancellationToken ct) =>
            {
                await bus.InvokeAsync(new Register(body.Email, body.Name, body.Password), ct);
                return Results.Json(new MessageResponse(Register.Accepted), statusCode: StatusCodes.Status202Accepted);
            })
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Create a customer account (never signs in; the same answer for new and existing emails).")
            .Produces<MessageResponse>(StatusCodes.Status202Accepted);
}
