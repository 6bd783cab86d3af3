using System.Security.Claims;
using PrimeTech.Identity.Web;
using FluentValidation;
using PrimeTech.Audit.Contracts;
using PrimeTech.Identity.Audit;

namespace PrimeTech.Identity.TwoFactor;

/// <summary>
/// Finishes enrolment: a code from the app proves it holds the secret handed out by
/// <see cref="StartTwoFactorSetup"/>. Two-factor sign-in is then on, the code's time step counts as used, and ten recovery
/// codes are issued: answered once, stored only hashed.
/// </summary>
public sealed record ConfirmTwoFactor(Guid UserId, string? Code, string? IpAddress = null)
{
    public sealed class Validator : AbstractValidator<ConfirmTwoFactor>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Code).TwoFactorCode();
    }
}

public sealed record RecoveryCodesIssued(IReadOnlyList<string> RecoveryCodes);

public static class ConfirmTwoFactorHandler
{
    /// <summary>Enrolment is a security event; a refused code throws and is not one (nothing changed).</summary>
    public static async Task<(RecoveryCodesIssued, RecordSecurityEvent)> Handle(
        ConfirmTwoFactor command, IDocumentSession session, TwoFactorCodes codes, TimeProvider clock, CancellationToken ct)
    {
        var user = await SignInThrottle.LoadAccountUnderLockAsync(session, command.UserId, ct);
        if (user.TwoFactorEnabled)
            throw new DomainException(IdentityErrors.MfaAlreadyEnabled, "Two-factor sign-in is already on for your account.");
        if (user.PendingTwoFactorSecret is null)
            throw new DomainException(IdentityErrors.MfaSetupRequired, "Start two-factor setup first, then enter the code your app shows.");

        var now = clock.GetUtcNow();
        var secret = codes.Unprotect(user.PendingTwoFactorSecret);
        var check = TwoFactorCodes.CheckTotp(secret, TwoFactorCodes.Normalise(command.Code), now, lastAcceptedStep: null);
        if (check.Step is not { } step) throw IdentityErrors.WrongTwoFactorCode();

        var (recoveryCodes, hashes) = TwoFactorCodes.NewRecoveryCodes();
        user.TwoFactorSecret = user.PendingTwoFactorSecret;
        user.PendingTwoFactorSecret = null;
        user.TwoFactorEnabledAt = now;
        user.LastTwoFactorStep = step;
        user.RecoveryCodeHashes = hashes;
        user.RecoveryCodesIssuedAt = now;
        session.Store(user);
        return (new RecoveryCodesIssued(recoveryCodes),
            SecurityEvents.Of(SecurityActions.TwoFactorEnrol, now, user.Id, user.Email, command.IpAddress, user.Id.ToString(), failure: null));
    }
}

public sealed record TwoFactorCodeRequest(string? Code);

public sealed class ConfirmTwoFactorEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/two-factor/confirm", async (TwoFactorCodeRequest body, ClaimsPrincipal user, HttpContext http, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<RecoveryCodesIssued>(new ConfirmTwoFactor(user.RequiredUserId(), body.Code, RequestClient.IpAddress(http)), ct)))
            .RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Finish enrolment with a code from the app: turns two-factor sign-in on and answers the ten recovery codes, once.")
            .Produces<RecoveryCodesIssued>();
}
