using Microsoft.AspNetCore.Diagnostics;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Marten.Patching;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrimeTech.Identity.Sessions;

/// <summary>
/// Authenticates a request by its session cookie: loads the session by the token's hash and the
/// user, enforces the idle and absolute expiry against <see cref="TimeProvider"/>, slides last-seen
/// (written at most once per <see cref="SessionLifetimeOptions.LastSeenWriteInterval"/>), and builds the
/// principal. Roles and verification are read per request, so changes apply at once.
/// Challenge and forbid answer by path: problem+json under /api, the login redirect or the 403
/// status page elsewhere.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IIdentityStore store,
    TimeProvider clock,
    IOptions<SessionLifetimeOptions> sessionOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The error page re-executed after a failure (the database may be what failed) is nobody's.
        if (Context.Features.Get<IExceptionHandlerFeature>() is not null) return AuthenticateResult.NoResult();
        var token = SessionCookie.Read(Request);
        if (token is null) return AuthenticateResult.NoResult();
        if (!SecretTokens.IsWellFormed(token)) return Reject();

        var hash = SecretTokens.Hash(token);
        var now = clock.GetUtcNow();
        UserSession? session;
        User? user;
        await using (var query = store.QuerySession())
        {
            session = await query.QueryAsync(new SessionByTokenHash { TokenHash = hash }, Context.RequestAborted);
            if (session is null || !session.IsActiveAt(now)) return Reject();
            user = await query.LoadAsync<User>(session.UserId, Context.RequestAborted);
        }
        if (user is null || user.LockedAt is not null) return Reject();
        // Opened before the password last changed: whatever raced the change, it is not the new password's session.
        if (user.PasswordChangedAt is { } changed && session.CreatedAt < changed) return Reject();

        if (now - session.LastSeenAt >= sessionOptions.Value.LastSeenWriteInterval)
            await SlideAsync(session, now);

        var principal = new ClaimsPrincipal(new ClaimsIdentity(Claims(user, session), SchemeName, PlatformClaims.Name, PlatformClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static IEnumerable<Claim> Claims(User user, UserSession session)
    {
        yield return new Claim(PlatformClaims.UserId, user.Id.ToString());
        yield return new Claim(PlatformClaims.SessionId, session.Id.ToString());
        yield return new Claim(PlatformClaims.Email, user.Email);
        yield return new Claim(PlatformClaims.Name, user.Name);
        yield return new Claim(PlatformClaims.EmailVerified, user.EmailVerifiedAt is null ? "false" : "true");
        yield return new Claim(PlatformClaims.TwoFactorEnabled, user.TwoFactorEnabled ? "true" : "false");
        foreach (var role in user.Roles)
            yield return new Claim(PlatformClaims.Role, role);
    }

    /// <summary>
    /// A partial update of last-seen, IP and user agent only: it can never undo a revocation that
    /// another request commits at the same moment.
    /// </summary>
    private async Task SlideAsync(UserSession session, DateTimeOffset now)
    {
        await using var write = store.LightweightSession();
        write.Patch<UserSession>(session.Id)
            .Set(s => s.LastSeenAt, now)
            .Set(s => s.IpAddress, Context.Connection.RemoteIpAddress?.ToString() ?? session.IpAddress)
            .Set(s => s.UserAgent, SessionIssuer.Truncate(Request.Headers.UserAgent.ToString()));
        await write.SaveChangesAsync(Context.RequestAborted);
    }

    /// <summary>An unknown, expired or revoked session: treat the request as anonymous and clear the cookie.</summary>
    private AuthenticateResult Reject()
    {
        SessionCookie.Delete(Response);
        return AuthenticateResult.NoResult();
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsApi)
        {
            await ProblemWriter.WriteAsync(Context, ErrorCode.Unauthenticated, "Sign in to continue.");
            return;
        }
        var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (IsApi)
        {
            await ProblemWriter.WriteAsync(Context, ErrorCode.Forbidden, "Your account is not allowed to do this.");
            return;
        }
        // Left without a body so the status-code pages render the styled 403 page.
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }

    private bool IsApi => Request.Path.StartsWithSegments("/api");
}
