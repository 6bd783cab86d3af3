using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Host.Platform;

/// <summary>
/// A site whose <c>Site:PublicUrl</c> is https is served over https only (outside Development and
/// Test): a page asked for over plain http (after the trusted proxy's forwarded headers) is
/// redirected to the same path and query under the public URL, the JSON API answers
/// HTTPS_REQUIRED, and <c>/health/*</c> keeps answering so a load balancer can probe an instance
/// directly. Without this, antiforgery's Secure-only cookie fails every page with a form.
/// </summary>
public static class HttpsOnly
{
    public static void UseHttpsOnly(this WebApplication app)
    {
        if (app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Test")) return;
        // Read per request, not here: invalid options are reported by the start-up validation.
        var options = app.Services.GetRequiredService<IOptions<SiteOptions>>();

        app.Use((http, next) =>
        {
            var request = http.Request;
            var site = options.Value;
            if (request.IsHttps || request.Path.StartsWithSegments("/health") || !site.PublicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                return next(http);
            if (ApiErrors.IsApi(request))
                return ProblemWriter.WriteAsync(http, ErrorCode.HttpsRequired,
                    $"This API is served over https only: {site.Absolute(request.Path)}");

            http.Response.Redirect(site.Absolute(request.Path + request.QueryString), permanent: true, preserveMethod: true);
            return Task.CompletedTask;
        });
    }
}
