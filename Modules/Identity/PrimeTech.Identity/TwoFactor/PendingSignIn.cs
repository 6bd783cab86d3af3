namespace PrimeTech.Identity.TwoFactor;

/// <summary>
/// A password step that succeeded for an account with two-factor sign-in: the second step must
/// present its token (from an HttpOnly cookie), so it is bound to this browser's password step and
/// never to a user id the client names. Kept for <see cref="Lifetime"/>, used once.
/// </summary>
public sealed class PendingSignIn
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public Guid Id { get; set; }

    /// <summary>SHA-256 of the cookie's token.</summary>
    public string TokenHash { get; set; } = "";
    public Guid UserId { get; set; }
    public bool RememberMe { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;
}

/// <summary>The pending sign-in cookie: HttpOnly, Secure, SameSite=Strict, five minutes, cleared by the second step.</summary>
public static class PendingSignInCookie
{
    public const string Name = "__Host-pts-2fa";

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    public static void Append(HttpResponse response, string token, DateTimeOffset expires) =>
        response.Cookies.Append(Name, token, Options(expires));

    public static void Delete(HttpResponse response) => response.Cookies.Delete(Name, Options(null));

    private static CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    };
}
