using System.Security.Claims;
using Carter;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Identity.Users;
using PrimeTech.Identity.Web;
using Wolverine;

namespace PrimeTech.Identity.TwoFactor;

/// <summary>
/// Hands the signed-in user a new TOTP secret to add to an authenticator app; nothing changes
/// at sign-in until <see cref="ConfirmTwoFactor"/> proves the app has it. The API always starts
/// afresh; the enrolment page passes <paramref name="ReuseUnconfirmed"/> so that reloading it keeps
/// the QR code already scanned.
/// </summary>
public sealed record StartTwoFactorSetup(Guid UserId, bool ReuseUnconfirmed = false);

/// <summary>The secret (base32, for typing in) and the <c>otpauth://</c> URI the QR code carries.</summary>
public sealed record TwoFactorSetup(string Secret, string OtpauthUri);

public static class StartTwoFactorSetupHandler
{
    public static async Task<TwoFactorSetup> Handle(StartTwoFactorSetup command, IDocumentSession session, TwoFactorCodes codes, CancellationToken ct)
    {
        var user = await session.LoadAsync<User>(command.UserId, ct) ?? throw DomainException.NotFound("Your account");
        if (user.TwoFactorEnabled)
            throw new DomainException(IdentityErrors.MfaAlreadyEnabled, "Two-factor sign-in is already on for your account.");

        if (command.ReuseUnconfirmed && user.PendingTwoFactorSecret is { } pending)
        {
            var kept = codes.Unprotect(pending);
            return new TwoFactorSetup(kept, TwoFactorCodes.OtpauthUri(kept, user.Email));
        }
        var secret = TwoFactorCodes.NewSecret();
        user.PendingTwoFactorSecret = codes.Protect(secret);
        session.Store(user);
        return new TwoFactorSetup(secret, TwoFactorCodes.OtpauthUri(secret, user.Email));
    }
}

public sealed class TwoFactorEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/two-factor").RequireAuthorization().RequireRateLimiting(AuthRateLimits.Auth).WithTags("Auth");

        group.MapGet("", async (ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<TwoFactorStatus>(new GetTwoFactorStatus(user.RequiredUserId()), ct)))
            .WithSummary("Whether two-factor sign-in is on, whether it is required (admins), and how many recovery codes are left.")
            .Produces<TwoFactorStatus>();

        group.MapPost("/setup", async (ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<TwoFactorSetup>(new StartTwoFactorSetup(user.RequiredUserId()), ct)))
            .WithSummary("Start enrolment: a new TOTP secret and its otpauth:// URI.")
            .Produces<TwoFactorSetup>();

        group.MapPost("/confirm", async (TwoFactorCodeRequest body, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<RecoveryCodesIssued>(new ConfirmTwoFactor(user.RequiredUserId(), body.Code), ct)))
            .WithSummary("Finish enrolment with a code from the app: turns two-factor sign-in on and answers the ten recovery codes, once.")
            .Produces<RecoveryCodesIssued>();

        group.MapPost("/disable", async (TwoFactorCodeRequest body, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
            {
                var result = await bus.InvokeAsync<TwoFactorDisabled>(new DisableTwoFactor(user.RequiredUserId(), body.Code), ct);
                return result.Failure is null ? Results.Ok(new { twoFactorEnabled = false }) : new ProblemResult(result.Failure, result.RetryAfter);
            })
            .WithSummary("Turn two-factor sign-in off (customers only) with a current code or a recovery code.");
    }
}

public sealed record TwoFactorCodeRequest(string? Code);
