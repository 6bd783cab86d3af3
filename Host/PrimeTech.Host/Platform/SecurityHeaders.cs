namespace PrimeTech.Host.Platform;

/// <summary>
/// The security headers of CODEX_HANDOFF §12 on every response, errors included. They are added
/// when the response starts, so the exception handler (which clears the headers of a failed
/// response) and the status-code pages cannot lose them. A page that chose its own
/// <c>Referrer-Policy</c> (the emailed-link pages: <c>no-referrer</c>) or <c>Content-Security-Policy</c>
/// (the API reference at <c>/api/docs</c>) keeps it; a failed response loses it with its other headers.
/// <para>
/// HSTS outside Development, and only on responses that went out over https (directly, or from a
/// trusted proxy's <c>X-Forwarded-Proto</c>): browsers ignore it over http, and a plain-http test
/// or health probe has nothing to pin.
/// </para>
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'self'";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>First in the pipeline: every response, however it ends, passes through here.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        var hsts = !app.Environment.IsDevelopment();
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
                headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
                if (hsts && http.Request.IsHttps)
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
