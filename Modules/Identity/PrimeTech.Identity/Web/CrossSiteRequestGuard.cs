using Microsoft.Extensions.Options;

namespace PrimeTech.Identity.Web;

/// <summary>
/// CSRF protection of the JSON API (CODEX_HANDOFF §5.3, DECISIONS D-006): a POST, PUT, PATCH or
/// DELETE under /api is refused with 403 CSRF_REJECTED when the browser says it came from another
/// site (<c>Sec-Fetch-Site</c>), or, without that header, when its <c>Origin</c> is not ours.
/// Requests with neither header (installed software, curl, tests) pass. The Stripe webhook and
/// the licence API carry no cookie and are exempt.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IOptions<SiteOptions> site)
{
    private static readonly PathString[] Exempt =
        ["/api/webhooks/stripe", "/api/licences/activate", "/api/licences/validate", "/api/licences/deactivate"];

    private readonly string _siteOrigin = OriginOf(site.Value.PublicUrl);

    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!request.Path.StartsWithSegments("/api")
            || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || Exempt.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))
            || IsSameSite(request))
            return next(http);

        return ProblemWriter.WriteAsync(http, ErrorCode.CsrfRejected,
            "This request came from another website, so it was refused. Use the Prime Tech Services site itself.");
    }

    private bool IsSameSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
            return fetchSite is "same-origin" or "none";

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        if (origin == "null") return false;
        return string.Equals(origin, _siteOrigin, StringComparison.OrdinalIgnoreCase)
               || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static string OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "";
}

public static class CrossSiteRequestGuardExtensions
{
    public static IApplicationBuilder UseCrossSiteRequestGuard(this IApplicationBuilder app) =>
        app.UseMiddleware<CrossSiteRequestGuard>();
}
