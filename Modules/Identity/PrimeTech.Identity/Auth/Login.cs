using PrimeTech.BuildingBlocks.Persistence;
using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.Audit.Contracts;
using PrimeTech.Identity.Audit;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.TwoFactor;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Auth;

/// <summary>
/// Signs in with email and password and opens a new session (a session cookie sent with the
/// request is revoked as replaced). Unknown emails and wrong passwords answer alike, and both
/// count towards the per-email lockout (CODEX_HANDOFF §5.5).
/// </summary>
public sealed record Login(
    string? Email, string? Password, bool RememberMe,
    string? IpAddress = null, string? UserAgent = null, string? PreviousSessionToken = null)
{
    public sealed class Validator : AbstractValidator<Login>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Email).Email();
            RuleFor(x => x.Password).ExistingPassword("Enter your password");
        }
    }
}

/// <summary>
/// The outcome of a sign-in: a session, a second step to take (two-factor sign-in is on), or a
/// failure to show (returned, not thrown, so failed attempts are kept).
/// </summary>
public sealed record LoginResult(
    Me? User, IssuedSession? Session, DomainException? Failure, TimeSpan? RetryAfter,
    IssuedPendingSignIn? SecondStep = null, TwoFactorOutcome? TwoFactor = null)
{
    public static LoginResult SignedIn(Me user, IssuedSession session, TwoFactorOutcome? twoFactor = null) =>
        new(user, session, null, null, null, twoFactor);

    public static LoginResult SecondFactorRequired(IssuedPendingSignIn pending) => new(null, null, null, null, pending);

    public static LoginResult CodeRefused(TwoFactorOutcome outcome) => new(null, null, IdentityErrors.WrongTwoFactorCode(), null, null, outcome);

    public static readonly LoginResult PendingSignInExpired = new(null, null, IdentityErrors.PendingSignInExpired(), null);

    public static readonly LoginResult InvalidCredentials =
        new(null, null, new DomainException(IdentityErrors.InvalidCredentials, "The email address or password is incorrect."), null);

    public static LoginResult TemporarilyLocked(TimeSpan wait) => new(null, null,
        new DomainException(IdentityErrors.AccountLocked,
            $"Too many failed sign-ins. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minutes, or reset your password."),
        wait);

    public static readonly LoginResult LockedByAdmin =
        new(null, null, new DomainException(IdentityErrors.AccountLocked, "This account is locked. Contact us to unlock it."), null);
}

public static class LoginHandler
{
    /// <summary>Every attempt with a well-formed email is a security event: the attempted email is its target.</summary>
    public static async Task<(LoginResult, RecordSecurityEvent)> Handle(
        Login command, IDocumentSession session, PasswordHashing passwords, TimeProvider clock,
        IOptions<SessionLifetimeOptions> options, CancellationToken ct)
    {
        var email = EmailAddress.Normalise(command.Email);
        var now = clock.GetUtcNow();
        var result = await SignInAsync(command, email, now, session, passwords, options.Value, ct);
        var audited = SecurityEvents.Of(SecurityActions.SignIn, now, result.User?.Id, result.User?.Email, command.IpAddress, email, result.Failure);
        // The password was right but no session opened: the two-factor step's own entry says how it ended.
        return (result, result.SecondStep is null ? audited : audited with { Reason = "MFA_REQUIRED" });
    }

    private static async Task<LoginResult> SignInAsync(
        Login command, string email, DateTimeOffset now, IDocumentSession session, PasswordHashing passwords,
        SessionLifetimeOptions options, CancellationToken ct)
    {

        await TransactionLock.AcquireAsync(session, SignInThrottle.LockKey(email), ct);
        var throttle = await session.LoadAsync<SignInThrottle>(email, ct);
        if (throttle is not null && throttle.IsLockedAt(now))
            return LoginResult.TemporarilyLocked(throttle.LockedUntil!.Value - now);

        var user = await session.Query<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
        string? rehashed = null;
        var valid = false;
        if (user is null)
            passwords.VerifyAgainstDummy(command.Password!);
        else
            valid = passwords.Verify(user, command.Password!, out rehashed);

        if (!valid || user is null)
        {
            throttle ??= new SignInThrottle { Id = email };
            throttle.RecordFailure(now);
            session.Store(throttle);
            return LoginResult.InvalidCredentials;
        }
        if (user.LockedAt is not null) return LoginResult.LockedByAdmin;

        if (rehashed is not null)
        {
            user.PasswordHash = rehashed;
            session.Store(user);
        }
        // The throttle stays until the second step succeeds: a known password must not reset the count of wrong codes.
        if (user.TwoFactorEnabled)
        {
            var (pending, issuedPending) = PendingSignIns.Open(user.Id, command.RememberMe, now);
            session.Insert(pending);
            return LoginResult.SecondFactorRequired(issuedPending);
        }

        if (throttle is not null) session.Delete(throttle);
        await RevokeAsync(session, command.PreviousSessionToken, RevokedReasons.Replaced, now, ct);
        var (opened, issued) = SessionIssuer.Open(user.Id, command.RememberMe, command.IpAddress, command.UserAgent, now, options);
        session.Insert(opened);
        return LoginResult.SignedIn(Me.From(user), issued);
    }

    /// <summary>Revokes the session of a cookie value, if it is one of ours and still open.</summary>
    public static async Task<UserSession?> RevokeAsync(IDocumentSession session, string? token, string reason, DateTimeOffset now, CancellationToken ct)
    {
        if (!SecretTokens.IsWellFormed(token)) return null;
        var hash = SecretTokens.Hash(token!);
        var existing = await session.QueryAsync(new SessionByTokenHash { TokenHash = hash }, ct);
        if (existing is null || existing.RevokedAt is not null) return existing;
        existing.Revoke(now, reason);
        session.Store(existing);
        return existing;
    }
}

/// <summary>The answer of a password step that needs a second one.</summary>
public sealed record SecondFactorRequired(bool MfaRequired);

public sealed record LoginRequest(string? Email, string? Password, bool RememberMe = false);

public sealed class LoginEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/login", async (LoginRequest body, HttpContext http, IMessageBus bus) =>
            {
                var result = await bus.InvokeAsync<LoginResult>(new Login(
                    body.Email, body.Password, body.RememberMe,
                    RequestClient.IpAddress(http), RequestClient.UserAgent(http), SessionCookie.Read(http.Request)), http.RequestAborted);
                if (result.Failure is not null)
                    return new ProblemResult(result.Failure, result.RetryAfter);
                if (result.SecondStep is { } pending)
                {
                    PendingSignInCookie.Append(http.Response, pending.Token, pending.ExpiresAt);
                    return Results.Ok(new SecondFactorRequired(true));
                }
                SessionCookie.Append(http.Response, result.Session!);
                return Results.Ok(result.User);
            })
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Sign in: sets the session cookie and answers with the user; with two-factor sign-in on, answers { mfaRequired: true } and sets the pending sign-in cookie for POST /api/auth/login/two-factor instead.")
            .Produces<Me>();
}
