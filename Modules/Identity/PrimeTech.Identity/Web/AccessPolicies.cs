using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Wolverine.Attributes;

namespace PrimeTech.Identity.Web;

/// <summary>The signed-in user has verified their email address.</summary>
public sealed class EmailVerifiedRequirement : AuthorizationHandler<EmailVerifiedRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EmailVerifiedRequirement requirement)
    {
        if (context.User.EmailVerified()) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>The signed-in user has turned two-factor sign-in on (required of admins).</summary>
public sealed class TwoFactorEnrolledRequirement : AuthorizationHandler<TwoFactorEnrolledRequirement>, IAuthorizationRequirement
{
    public const string EnrolmentPage = "/account/two-factor";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorEnrolledRequirement requirement)
    {
        if (context.User.TwoFactorEnabled()) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Answers a refusal that is only about an unverified email with EMAIL_NOT_VERIFIED (API) or the
/// verify-email page with its "send a new link" form (pages), and one only about two-factor
/// enrolment with MFA_ENROLMENT_REQUIRED (API) or the enrolment page (pages); everything else goes
/// to the session scheme's challenge and forbid.
/// </summary>
/// <remarks>ASP.NET's name ends in "Handler", which Wolverine would take for a message handler of RequestDelegate.</remarks>
[WolverineIgnore]
public sealed class AccessDeniedResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && result.AuthorizationFailure is { } failure
            && failure.FailedRequirements.Any() && failure.FailedRequirements.All(r => r is EmailVerifiedRequirement))
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                await ProblemWriter.WriteAsync(http, ErrorCode.EmailNotVerified,
                    "Verify your email address first. Follow the link we emailed you, or ask for a new one.");
                return;
            }
            var returnUrl = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
            http.Response.Redirect("/verify-email?returnUrl=" + Uri.EscapeDataString(returnUrl));
            return;
        }
        if (result.Forbidden && result.AuthorizationFailure is { } enrolment
            && enrolment.FailedRequirements.Any() && enrolment.FailedRequirements.All(r => r is TwoFactorEnrolledRequirement))
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                await ProblemWriter.WriteAsync(http, IdentityErrors.MfaEnrolmentRequired,
                    "Admins must set up two-factor sign-in before using admin pages and endpoints. Set it up on your account's security page.");
                return;
            }
            var returnUrl = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
            http.Response.Redirect(TwoFactorEnrolledRequirement.EnrolmentPage + "?returnUrl=" + Uri.EscapeDataString(returnUrl));
            return;
        }
        await _default.HandleAsync(next, http, policy, result);
    }
}
