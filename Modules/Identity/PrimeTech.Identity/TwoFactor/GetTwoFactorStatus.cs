using System.Security.Claims;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.TwoFactor;

/// <summary>The signed-in user's two-factor state, for the security page and the API.</summary>
public sealed record GetTwoFactorStatus(Guid UserId);

/// <param name="Required">True for admins: they cannot use admin pages or endpoints, nor turn it off, without it.</param>
public sealed record TwoFactorStatus(bool Enabled, bool Required, DateTimeOffset? EnabledAt, int RecoveryCodesLeft, DateTimeOffset? RecoveryCodesIssuedAt);

public static class GetTwoFactorStatusHandler
{
    public static async Task<TwoFactorStatus> Handle(GetTwoFactorStatus query, IQuerySession session, CancellationToken ct)
    {
        var user = await session.LoadAsync<User>(query.UserId, ct) ?? throw DomainException.NotFound("Your account");
        return new TwoFactorStatus(user.TwoFactorEnabled, user.IsAdmin, user.TwoFactorEnabledAt, user.RecoveryCodeHashes.Count, user.RecoveryCodesIssuedAt);
    }
}

public sealed class GetTwoFactorStatusEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/auth/two-factor", async (ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<TwoFactorStatus>(new GetTwoFactorStatus(user.RequiredUserId()), ct)))
            .RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Whether two-factor sign-in is on, whether it is required (admins), and how many recovery codes are left.")
            .Produces<TwoFactorStatus>();
}
