using System.Security.Claims;

namespace PrimeTech.BuildingBlocks.Web;

public static class Roles
{
    public const string Customer = "Customer";
    public const string Admin = "Admin";
}

public static class Policies
{
    public const string Admin = "Admin";
}

public static class PlatformClaims
{
    public const string UserId = "sub";
    public const string SessionId = "sid";
    public const string EmailVerified = "email_verified";
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PlatformClaims.UserId), out var id) ? id : null;

    public static Guid RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The request is not authenticated.");

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static bool EmailVerified(this ClaimsPrincipal user) => user.HasClaim(PlatformClaims.EmailVerified, "true");
}
