namespace PrimeTech.Identity.Sessions;

/// <summary>
/// The session cookie: <c>__Host-pts</c>, HttpOnly, Secure, SameSite=Lax, Path=/ and no Domain. It
/// is Secure everywhere: Chromium and Firefox keep Secure cookies on http://127.0.0.1 and localhost
/// (checked with headless Chromium), so development and browser tests need no exception.
/// Normal sessions get a browser-session cookie; "keep me signed in" expires it with the session.
/// </summary>
public static class SessionCookie
{
    public const string Name = "__Host-pts";

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    public static void Append(HttpResponse response, IssuedSession session) =>
        response.Cookies.Append(Name, session.Token, Options(session.CookieExpires));

    public static void Delete(HttpResponse response) => response.Cookies.Delete(Name, Options(null));

    private static CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    };
}
