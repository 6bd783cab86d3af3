using System.Text.Json;
using Carter;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrimeTech.Audit.Recording;
using PrimeTech.Identity.Web;
using PrimeTech.Licensing.Signing;

namespace PrimeTech.Host.Platform;

public static class PlatformPipeline
{
    public static void UsePlatform(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseClientAddress();
        app.UseAdminActionAudit();
        app.UseHttpsOnly();
        app.UseExceptionHandler(Outage.SitePage);
        app.UseSignedLicenceAnswers();
        app.UseWhen(http => ApiErrors.IsApi(http.Request), api => api.UseApiErrors());
        app.UseWhen(http => !ApiErrors.IsApi(http.Request) && !http.Request.Path.StartsWithSegments("/health"),
            site => site.UseStatusCodePagesWithReExecute("/error/{0}"));

        app.MapStaticAssets();
        app.UseRouting();
        app.CaptureAdminAction();
        app.UseRequestBodyLimit();
        app.UseUnreadableInputGuard();
        app.UseAuthentication();
        app.UseCrossSiteRequestGuard();
        app.UseRateLimiter();
        app.UseAuthorization();
        // After authentication: the output cache serves only anonymous callers (the catalogue, D-147).
        app.UseOutputCache();
        app.UseAntiforgery();

        app.MapHealth();
        app.MapOpenApi("/api/openapi.json");
        app.MapApiReference();
        app.MapCarter();
        app.MapRazorPages();
        app.MapSeoFiles();
    }

    private static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = WriteHealthAsync,
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        });
    }

    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
            }),
        }, JsonSerializerOptions.Web);
    }
}
