using Marten;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.Identity.Users;

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
