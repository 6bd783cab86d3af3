using System.Security.Claims;

namespace PrimeTech.BuildingBlocks.Web;

public static class Roles
{
    public const string Customer = "Customer";
    public const string Admin = "Admin";
}

public static class Policies
{
    /// <summary>
    /// Signed in with the Admin role and two-factor sign-in on. Failure: 401 UNAUTHENTICATED, then
    /// 403 FORBIDDEN, then 403 MFA_ENROLMENT_REQUIRED under /api; pages are sent to the enrolment page.
    /// </summary>
    public const string Admin = "Admin";

    /// <summary>
    /// Signed in with a verified email address (checkout, pay, book). Failure: 401 UNAUTHENTICATED,
    /// then 403 EMAIL_NOT_VERIFIED under /api; pages are sent to /verify-email with a "send a new link" form.
    /// </summary>
    public const string VerifiedCustomer = "VerifiedCustomer";
}

public static class PlatformClaims
{
    public const string UserId = "sub";
    public const string SessionId = "sid";
    public const string EmailVerified = "email_verified";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";
    public const string TwoFactorEnabled = "mfa_enabled";
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PlatformClaims.UserId), out var id) ? id : null;

    public static Guid RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The request is not authenticated.");

    public static Guid RequiredSessionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PlatformClaims.SessionId), out var id) ? id : throw new InvalidOperationException("The request has no session.");

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static bool EmailVerified(this ClaimsPrincipal user) => user.HasClaim(PlatformClaims.EmailVerified, "true");

    public static bool TwoFactorEnabled(this ClaimsPrincipal user) => user.HasClaim(PlatformClaims.TwoFactorEnabled, "true");

    public static string? Email(this ClaimsPrincipal user) => user.FindFirstValue(PlatformClaims.Email);

    public static string? DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(PlatformClaims.Name);
}
