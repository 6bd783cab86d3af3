using System.Security.Claims;

namespace PrimeTech.Identity.Users;

/// <summary>The signed-in user as the API shows it.</summary>
public sealed record Me(Guid Id, string Email, string Name, IReadOnlyList<string> Roles, bool EmailVerified, bool TwoFactorEnabled)
{
    public static Me From(User user) => new(user.Id, user.Email, user.Name, user.Roles, user.EmailVerifiedAt is not null, user.TwoFactorEnabled);

    public static Me From(ClaimsPrincipal principal) => new(
        principal.RequiredUserId(),
        principal.Email() ?? "",
        principal.DisplayName() ?? "",
        principal.FindAll(PlatformClaims.Role).Select(c => c.Value).ToList(),
        principal.EmailVerified(),
        principal.TwoFactorEnabled());
}
