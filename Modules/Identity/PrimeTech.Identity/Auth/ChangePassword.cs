using System.Security.Claims;
using FluentValidation;
using PrimeTech.BuildingBlocks.Persistence;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.Audit.Contracts;
using PrimeTech.Identity.Emails;
using PrimeTech.Identity.Audit;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Auth;

/// <summary>
/// Changes the password of the signed-in user, who must give the current one. Every session of
/// the user is revoked — including the one making the request, so a copied cookie dies too — and
/// a new session with the same persistence is opened for this browser. A wrong current password
/// counts towards the sign-in lockout of the account's email (CODEX_HANDOFF §5.5), and while that
/// email is locked the change answers ACCOUNT_LOCKED as sign-in does.
/// </summary>
public sealed record ChangePassword(
    Guid UserId, Guid SessionId, string? CurrentPassword, string? NewPassword, string? IpAddress = null, string? UserAgent = null)
{
    public sealed class Validator : AbstractValidator<ChangePassword>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.CurrentPassword).ExistingPassword("Enter your current password");
            RuleFor(x => x.NewPassword).NewPassword(_ => null);
        }
    }
}

/// <summary>The outcome: the new session, or a failure to show (returned, not thrown, so a counted failure is kept).</summary>
public sealed record PasswordChanged(Me? User, IssuedSession? Session, DomainException? Failure, TimeSpan? RetryAfter)
{
    public static PasswordChanged Failed(LoginResult failure) => new(null, null, failure.Failure, failure.RetryAfter);

    public static readonly PasswordChanged WrongCurrentPassword =
        new(null, null, DomainException.Validation("currentPassword", "Your current password is incorrect"), null);
}

public static class ChangePasswordHandler
{
    /// <summary>A change, a wrong current password and a locked account are security events of the user (the target).</summary>
    public static async Task<(PasswordChanged, OutgoingEmail?, RecordSecurityEvent)> Handle(
        ChangePassword command, IDocumentSession session, PasswordHashing passwords, TimeProvider clock,
        IOptions<SessionLifetimeOptions> options, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var email = (await session.LoadAsync<User>(command.UserId, ct) ?? throw DomainException.NotFound("Your account")).NormalizedEmail;
        var now = clock.GetUtcNow();
        var (result, sent) = await ChangeAsync(command, email, now, session, passwords, options.Value, site.Value, ct);
        return (result, sent, SecurityEvents.Of(SecurityActions.PasswordChange, now, command.UserId, email, command.IpAddress,
            command.UserId.ToString("D"), result.Failure));
    }

    private static async Task<(PasswordChanged, OutgoingEmail?)> ChangeAsync(
        ChangePassword command, string email, DateTimeOffset now, IDocumentSession session, PasswordHashing passwords,
        SessionLifetimeOptions options, SiteOptions site, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, SignInThrottle.LockKey(email), ct);
        var user = await session.LoadAsync<User>(command.UserId, ct) ?? throw DomainException.NotFound("Your account");
        var throttle = await session.LoadAsync<SignInThrottle>(email, ct);
        if (throttle is not null && throttle.IsLockedAt(now))
            return (PasswordChanged.Failed(LoginResult.TemporarilyLocked(throttle.LockedUntil!.Value - now)), null);
        if (!passwords.Verify(user, command.CurrentPassword!, out _))
        {
            throttle ??= new SignInThrottle { Id = email };
            throttle.RecordFailure(now);
            session.Store(throttle);
            return (PasswordChanged.WrongCurrentPassword, null);
        }
        if (command.NewPassword == command.CurrentPassword)
            throw DomainException.Validation("newPassword", "Your new password must be different from your current password");
        if (string.Equals(command.NewPassword, user.Email, StringComparison.OrdinalIgnoreCase))
            throw DomainException.Validation("newPassword", "Your password must not be your email address");

        user.PasswordHash = passwords.Hash(user, command.NewPassword!);
        user.PasswordChangedAt = now;
        session.Store(user);

        var current = await session.LoadAsync<UserSession>(command.SessionId, ct);
        await UserSessions.RevokeAllAsync(session, user.Id, RevokedReasons.PasswordChanged, now, ct);
        var (opened, issued) = SessionIssuer.Open(user.Id, current?.Persistent ?? false, command.IpAddress, command.UserAgent, now, options);
        session.Insert(opened);

        return (new PasswordChanged(Me.From(user), issued, null, null), IdentityEmails.PasswordChanged(user, now, site));
    }
}

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed class ChangePasswordEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/change-password", async (ChangePasswordRequest body, ClaimsPrincipal user, HttpContext http, IMessageBus bus) =>
            {
                var result = await bus.InvokeAsync<PasswordChanged>(new ChangePassword(
                    user.RequiredUserId(), user.RequiredSessionId(), body.CurrentPassword, body.NewPassword,
                    RequestClient.IpAddress(http), RequestClient.UserAgent(http)), http.RequestAborted);
                if (result.Failure is not null)
                    return new ProblemResult(result.Failure, result.RetryAfter);
                SessionCookie.Append(http.Response, result.Session!);
                return Results.Ok(result.User);
            })
            .RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Change the password (current one required); signs out every other session and renews this one.")
            .Produces<Me>();
}
