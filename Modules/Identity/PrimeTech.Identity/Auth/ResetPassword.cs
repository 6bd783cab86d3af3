using PrimeTech.BuildingBlocks.Persistence;
using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.Audit.Contracts;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.Identity.Audit;
using PrimeTech.Identity.Emails;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Auth;

/// <summary>
/// Sets a new password with an emailed reset token: the token is used, the user's other reset
/// tokens are invalidated, every session is revoked (no new one is opened), the email counts as
/// verified, the sign-in lockout is cleared, and a "password changed" email goes out.
/// </summary>
public sealed record ResetPassword(string? Token, string? NewPassword, string? IpAddress = null)
{
    public sealed class Validator : AbstractValidator<ResetPassword>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.NewPassword).NewPassword(_ => null);
    }
}

public sealed record PasswordWasReset(Guid UserId);

public static class ResetPasswordHandler
{
    /// <summary>A reset is a security event of the user who proved they hold the emailed link (actor and target).</summary>
    public static async Task<(PasswordWasReset, OutgoingEmail, RecordSecurityEvent)> Handle(
        ResetPassword command, IDocumentSession session, PasswordHashing passwords, TimeProvider clock,
        IOptions<SiteOptions> site, CancellationToken ct)
    {
        if (!SecretTokens.IsWellFormed(command.Token)) throw IdentityErrors.ExpiredLink();
        var now = clock.GetUtcNow();

        var token = await EmailTokens.FindAsync(session, command.Token, EmailTokenPurpose.ResetPassword, ct);
        if (token is null || !token.IsUsableAt(now)) throw IdentityErrors.ExpiredLink();
        var user = await session.LoadAsync<User>(token.UserId, ct) ?? throw IdentityErrors.ExpiredLink();
        await TransactionLock.AcquireAsync(session, SignInThrottle.LockKey(user.NormalizedEmail), ct);
        if (string.Equals(command.NewPassword, user.Email, StringComparison.OrdinalIgnoreCase))
            throw DomainException.Validation("newPassword", "Your password must not be your email address");

        token.UsedAt = now;
        session.Store(token);
        await EmailTokens.InvalidateOthersAsync(session, token, now, ct);

        user.PasswordHash = passwords.Hash(user, command.NewPassword!);
        user.PasswordChangedAt = now;
        user.EmailVerifiedAt ??= now;
        session.Store(user);
        await UserSessions.RevokeAllAsync(session, user.Id, RevokedReasons.PasswordReset, now, ct);
        session.Delete<SignInThrottle>(user.NormalizedEmail);

        return (new PasswordWasReset(user.Id), IdentityEmails.PasswordChanged(user, now, site.Value),
            SecurityEvents.Of(SecurityActions.PasswordReset, now, user.Id, user.Email, command.IpAddress, user.Id.ToString("D"), null, StatusCodes.Status204NoContent));
    }
}

public sealed record ResetPasswordRequest(string? Token, string? NewPassword);

public sealed class ResetPasswordEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/reset-password", async (ResetPasswordRequest body, HttpContext http, IMessageBus bus) =>
            {
                await bus.InvokeAsync<PasswordWasReset>(new ResetPassword(body.Token, body.NewPassword, RequestClient.IpAddress(http)), http.RequestAborted);
                return Results.NoContent();
            })
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Choose a new password with the token from the emailed link; signs out every session.");
}
