using System.Security.Claims;
using PrimeTech.Identity.Web;
using FluentValidation;
using PrimeTech.Audit.Contracts;
using PrimeTech.Identity.Audit;
using PrimeTech.Identity.Auth;

namespace PrimeTech.Identity.TwoFactor;

/// <summary>
/// Turns two-factor sign-in off for a customer, who proves it is them with a current code or a
/// recovery code. Admins cannot: they must keep it. A wrong code counts towards the sign-in
/// lockout of the account's email, as a wrong password does.
/// </summary>
public sealed record DisableTwoFactor(Guid UserId, string? Code, string? IpAddress = null)
{
    public sealed class Validator : AbstractValidator<DisableTwoFactor>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Code).TwoFactorCode();
    }
}

/// <summary>The outcome (returned, not thrown, so a counted failure is kept).</summary>
public sealed record TwoFactorDisabled(TwoFactorOutcome Outcome, DomainException? Failure, TimeSpan? RetryAfter);

public static class DisableTwoFactorHandler
{
    /// <summary>Every attempt with a code is a security event, refused ones included.</summary>
    public static async Task<(TwoFactorDisabled, RecordSecurityEvent?)> Handle(
        DisableTwoFactor command, IDocumentSession session, TwoFactorCodes codes, TimeProvider clock, CancellationToken ct)
    {
        var (result, user) = await DisableAsync(command, session, codes, clock, ct);
        return (result, user is null ? null : SecurityEvents.Of(SecurityActions.TwoFactorDisable, clock.GetUtcNow(), user.Id, user.Email,
            command.IpAddress, user.Id.ToString(), result.Failure));
    }

    private static async Task<(TwoFactorDisabled, User?)> DisableAsync(
        DisableTwoFactor command, IDocumentSession session, TwoFactorCodes codes, TimeProvider clock, CancellationToken ct)
    {
        var user = await SignInThrottle.LoadAccountUnderLockAsync(session, command.UserId, ct);
        if (user.IsAdmin)
            throw new DomainException(IdentityErrors.MfaRequiredForAdmins, "Admins must keep two-factor sign-in on.");
        if (!user.TwoFactorEnabled)
            throw new DomainException(IdentityErrors.MfaNotEnabled, "Two-factor sign-in is not on for your account.");

        var now = clock.GetUtcNow();
        var throttle = await session.LoadAsync<SignInThrottle>(user.NormalizedEmail, ct);
        if (throttle is not null && throttle.IsLockedAt(now))
        {
            var locked = LoginResult.TemporarilyLocked(throttle.LockedUntil!.Value - now);
            return (new TwoFactorDisabled(TwoFactorOutcome.CodeRefused, locked.Failure, locked.RetryAfter), user);
        }
        var outcome = codes.Verify(user, command.Code, now);
        if (outcome is not (TwoFactorOutcome.CodeAccepted or TwoFactorOutcome.RecoveryCodeUsed))
        {
            throttle ??= new SignInThrottle { Id = user.NormalizedEmail };
            throttle.RecordFailure(now);
            session.Store(throttle);
            return (new TwoFactorDisabled(outcome, IdentityErrors.WrongTwoFactorCode(), null), user);
        }

        user.TwoFactorSecret = null;
        user.TwoFactorEnabledAt = null;
        user.PendingTwoFactorSecret = null;
        user.RecoveryCodeHashes = [];
        user.RecoveryCodesIssuedAt = null;
        // LastTwoFactorStep stays: a code seen here must not work if two-factor is turned on again with the same app.
        session.Store(user);
        return (new TwoFactorDisabled(TwoFactorOutcome.Disabled, null, null), user);
    }
}

public sealed class DisableTwoFactorEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/two-factor/disable", async (TwoFactorCodeRequest body, ClaimsPrincipal user, HttpContext http, IMessageBus bus, CancellationToken ct) =>
            {
                var result = await bus.InvokeAsync<TwoFactorDisabled>(new DisableTwoFactor(user.RequiredUserId(), body.Code, RequestClient.IpAddress(http)), ct);
                return result.Failure is null ? Results.Ok(new { twoFactorEnabled = false }) : new ProblemResult(result.Failure, result.RetryAfter);
            })
            .RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Turn two-factor sign-in off (customers only) with a current code or a recovery code.");
}
