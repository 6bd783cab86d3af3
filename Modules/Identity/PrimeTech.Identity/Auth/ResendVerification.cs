using PrimeTech.BuildingBlocks.Persistence;
using System.Security.Claims;
using FluentValidation;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Auth;

/// <summary>
/// Sends a new verification link: to the signed-in user, or to the account with that email. An
/// unknown or already verified email gets nothing, and the answer is always the same. At most one
/// email per account per 60 s.
/// </summary>
public sealed record ResendVerification(Guid? UserId, string? Email)
{
    public const string Accepted = "If that account still needs verifying, we have sent a new link.";

    public sealed class Validator : AbstractValidator<ResendVerification>
    {
        public static readonly Validator Instance = new();

        public Validator() => When(x => x.UserId is null, () => RuleFor(x => x.Email).Email());
    }
}

public static class ResendVerificationHandler
{
    public static readonly TimeSpan CoolDown = TimeSpan.FromSeconds(60);

    public static async Task<DeliverEmailToken?> Handle(
        ResendVerification command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var email = EmailAddress.Normalise(command.Email);
        var user = command.UserId is { } id
            ? await session.LoadAsync<User>(id, ct)
            : await session.Query<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
        if (user is null || user.EmailVerifiedAt is not null) return null;

        await TransactionLock.AcquireAsync(session, "email:" + user.NormalizedEmail, ct);
        user = await session.LoadAsync<User>(user.Id, ct);
        var now = clock.GetUtcNow();
        if (user is null || user.EmailVerifiedAt is not null) return null;
        if (user.LastAccountEmailAt is { } last && now - last < CoolDown) return null;

        user.LastAccountEmailAt = now;
        session.Store(user);
        return EmailTokens.Issue(session, user.Id, EmailTokenPurpose.VerifyEmail, now);
    }
}

public sealed record EmailRequest(string? Email);

public sealed class ResendVerificationEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/resend-verification", async (EmailRequest? body, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
            {
                await bus.InvokeAsync(new ResendVerification(user.UserId(), body?.Email), ct);
                return Results.Json(new MessageResponse(ResendVerification.Accepted), statusCode: StatusCodes.Status202Accepted);
            })
            .RequireRateLimiting(AuthRateLimits.ResendVerification)
            .WithTags("Auth")
            .WithSummary("Send a new verification link (the signed-in user, or the account with this email).")
            .Produces<MessageResponse>(StatusCodes.Status202Accepted);
}
