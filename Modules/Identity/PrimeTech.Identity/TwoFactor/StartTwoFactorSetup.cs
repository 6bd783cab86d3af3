using System.Security.Claims;
using PrimeTech.Identity.Web;

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

public sealed class StartTwoFactorSetupEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/two-factor/setup", async (ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<TwoFactorSetup>(new StartTwoFactorSetup(user.RequiredUserId()), ct)))
            .RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Start enrolment: a new TOTP secret and its otpauth:// URI.")
            .Produces<TwoFactorSetup>();
}
