using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Auth;

/// <summary>
/// Uses an emailed verification token: marks the email verified, the token used and the user's
/// other unused verification tokens invalidated. Unknown, malformed, used, invalidated or expired
/// tokens answer TOKEN_INVALID_OR_EXPIRED.
/// </summary>
public sealed record VerifyEmail(string? Token);

public sealed record EmailVerified(Guid UserId);

public static class VerifyEmailHandler
{
    public static async Task<EmailVerified> Handle(VerifyEmail command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!Sessions.SecretTokens.IsWellFormed(command.Token)) throw IdentityErrors.ExpiredLink();
        var token = await EmailTokens.FindAsync(session, command.Token, EmailTokenPurpose.VerifyEmail, ct);
        if (token is null || !token.IsUsableAt(now)) throw IdentityErrors.ExpiredLink();
        var user = await session.LoadAsync<User>(token.UserId, ct) ?? throw IdentityErrors.ExpiredLink();

        token.UsedAt = now;
        session.Store(token);
        await EmailTokens.InvalidateOthersAsync(session, token, now, ct);
        if (user.EmailVerifiedAt is null)
        {
            user.EmailVerifiedAt = now;
            session.Store(user);
        }
        return new EmailVerified(user.Id);
    }
}

/// <summary>Whether an emailed token can still be used, without using it (the page shows its button only then).</summary>
public sealed record CheckEmailToken(string? Token, EmailTokenPurpose Purpose);

public static class CheckEmailTokenHandler
{
    public static async Task<bool> Handle(CheckEmailToken query, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var token = await EmailTokens.FindAsync(session, query.Token, query.Purpose, ct);
        return token is not null && token.IsUsableAt(clock.GetUtcNow());
    }
}

public sealed record TokenRequest(string? Token);

public sealed record EmailVerifiedResponse(bool EmailVerified);

public sealed class VerifyEmailEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/verify-email", async (TokenRequest body, IMessageBus bus, CancellationToken ct) =>
            {
                await bus.InvokeAsync<EmailVerified>(new VerifyEmail(body.Token), ct);
                return Results.Ok(new EmailVerifiedResponse(true));
            })
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Verify the email address with the token from the emailed link.")
            .Produces<EmailVerifiedResponse>();
}
