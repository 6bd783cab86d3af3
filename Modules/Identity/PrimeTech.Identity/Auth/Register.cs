using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.Identity.Emails;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.Web;
using Wolverine.Marten;

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

/// <summary>
/// In Wolverine's compound shape, with no lock: the account the email has is read, and the pure
/// <c>Handle</c> decides. Two registrations of one new email at once both try to insert; the unique
/// index on the normalised email refuses the second, and the write-conflict policy runs it again,
/// when it finds the first one's account (and, within the cool-down, sends nothing).
/// </summary>
public static class RegisterHandler
{
    private static readonly TimeSpan AlreadyRegisteredCoolDown = TimeSpan.FromSeconds(60);

    public static Task<User?> LoadAsync(Register command, IDocumentSession session, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalise(command.Email!);
        return session.Query<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
    }

    public static (OutgoingMessages, IEnumerable<IMartenOp>) Handle(
        Register command, User? existing, PasswordHashing passwords, TimeProvider clock, IOptions<SiteOptions> site)
    {
        var now = clock.GetUtcNow();
        var user = User.Create(command.Email!, command.Name!, "", now);
        // Hashed whether or not the email has an account, so both answers take the same time.
        user.PasswordHash = passwords.Hash(user, command.Password!);

        if (existing is not null)
        {
            if (existing.LastAccountEmailAt is { } last && now - last < AlreadyRegisteredCoolDown) return ([], []);
            existing.LastAccountEmailAt = now;
            return ([IdentityEmails.AlreadyRegistered(existing, site.Value)], [MartenOps.Update(existing)]);
        }

        user.LastAccountEmailAt = now;
        var (token, delivery) = EmailTokens.New(user.Id, EmailTokenPurpose.VerifyEmail, now);
        return ([delivery], [MartenOps.Insert(user), MartenOps.Store(token)]);
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
