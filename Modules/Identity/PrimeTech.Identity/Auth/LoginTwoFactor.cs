using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.Audit.Contracts;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Identity.Audit;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.TwoFactor;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Auth;

/// <summary>
/// The second step of signing in: the pending sign-in of this browser's password step (its
/// cookie's token) plus a TOTP code or a recovery code opens the session. The pending sign-in is
/// used once and lives five minutes. The check runs under the email's sign-in lock, so a code
/// accepted once is refused to every other request, parallel ones included; a wrong or reused code
/// counts towards the per-email lockout as a wrong password does.
/// </summary>
public sealed record LoginTwoFactor(
    string? PendingToken, string? Code, string? IpAddress = null, string? UserAgent = null, string? PreviousSessionToken = null)
{
    public sealed class Validator : AbstractValidator<LoginTwoFactor>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Code).TwoFactorCode();
    }
}

public static class LoginTwoFactorHandler
{
    /// <summary>Every second step is a security event; a recovery code used says so in the entry's reason.</summary>
    public static async Task<(LoginResult, RecordSecurityEvent)> Handle(
        LoginTwoFactor command, IDocumentSession session, TwoFactorCodes codes, TimeProvider clock,
        IOptions<SessionLifetimeOptions> options, CancellationToken ct)
    {
        var (result, user) = await SignInAsync(command, session, codes, clock, options.Value, ct);
        var audited = SecurityEvents.Of(SecurityActions.TwoFactorSignIn, clock.GetUtcNow(), user?.Id, user?.Email, command.IpAddress,
            user?.Id.ToString(), result.Failure);
        return (result, result.TwoFactor is TwoFactorOutcome.RecoveryCodeUsed or TwoFactorOutcome.CodeReused
            ? audited with { Reason = audited.Reason is null ? "RECOVERY_CODE_USED" : audited.Reason + " (code reused)" }
            : audited);
    }

    private static async Task<(LoginResult, User?)> SignInAsync(
        LoginTwoFactor command, IDocumentSession session, TwoFactorCodes codes, TimeProvider clock, SessionLifetimeOptions options,
        CancellationToken ct)
    {
        if (!SecretTokens.IsWellFormed(command.PendingToken)) return (LoginResult.PendingSignInExpired, null);
        var hash = SecretTokens.Hash(command.PendingToken!);
        var found = await session.Query<PendingSignIn>().FirstOrDefaultAsync(p => p.TokenHash == hash, ct);
        if (found is null) return (LoginResult.PendingSignInExpired, null);
        var email = (await session.LoadAsync<User>(found.UserId, ct))?.NormalizedEmail;
        if (email is null) return (LoginResult.PendingSignInExpired, null);

        await TransactionLock.AcquireAsync(session, SignInThrottle.LockKey(email), ct);
        var now = clock.GetUtcNow();
        // Read again under the lock: a parallel request may have completed this sign-in already.
        var pending = await session.Query<PendingSignIn>().FirstOrDefaultAsync(p => p.TokenHash == hash, ct);
        var user = await session.LoadAsync<User>(found.UserId, ct);
        if (pending is null || !pending.IsActiveAt(now) || user is null || !user.TwoFactorEnabled
            || (user.PasswordChangedAt is { } changed && pending.CreatedAt < changed))
            return (LoginResult.PendingSignInExpired, user);
        if (user.LockedAt is not null) return (LoginResult.LockedByAdmin, user);

        var throttle = await session.LoadAsync<SignInThrottle>(email, ct);
        if (throttle is not null && throttle.IsLockedAt(now))
            return (LoginResult.TemporarilyLocked(throttle.LockedUntil!.Value - now), user);

        var outcome = codes.Verify(user, command.Code, now);
        if (outcome is not (TwoFactorOutcome.CodeAccepted or TwoFactorOutcome.RecoveryCodeUsed))
        {
            throttle ??= new SignInThrottle { Id = email };
            throttle.RecordFailure(now);
            session.Store(throttle);
            return (LoginResult.CodeRefused(outcome), user);
        }

        session.Delete(pending);
        if (throttle is not null) session.Delete(throttle);
        session.Store(user);
        await LoginHandler.RevokeAsync(session, command.PreviousSessionToken, RevokedReasons.Replaced, now, ct);
        var (opened, issued) = SessionIssuer.Open(user.Id, pending.RememberMe, command.IpAddress, command.UserAgent, now, options);
        session.Insert(opened);
        return (LoginResult.SignedIn(Me.From(user), issued, outcome), user);
    }
}

public sealed record LoginTwoFactorRequest(string? Code);

public sealed class LoginTwoFactorEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/login/two-factor", async (LoginTwoFactorRequest body, HttpContext http, IMessageBus bus) =>
            {
                var result = await bus.InvokeAsync<LoginResult>(new LoginTwoFactor(
                    PendingSignInCookie.Read(http.Request), body.Code,
                    RequestClient.IpAddress(http), RequestClient.UserAgent(http), SessionCookie.Read(http.Request)), http.RequestAborted);
                if (result.Failure is not null)
                {
                    if (result.Failure.Error == IdentityErrors.MfaSignInExpired) PendingSignInCookie.Delete(http.Response);
                    return new ProblemResult(result.Failure, result.RetryAfter);
                }
                PendingSignInCookie.Delete(http.Response);
                SessionCookie.Append(http.Response, result.Session!);
                return Results.Ok(result.User);
            })
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Second sign-in step: a TOTP or recovery code with the pending sign-in cookie of POST /api/auth/login; sets the session cookie.")
            .Produces<Me>();
}
