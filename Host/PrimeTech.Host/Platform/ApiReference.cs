using Scalar.AspNetCore;

namespace PrimeTech.Host.Platform;

/// <summary>
/// <c>/api/docs</c>: Scalar's interactive reference over <c>/api/openapi.json</c>, for the people who
/// write the installed software. Scalar's page starts from an inline script, so this one path gets a
/// policy allowing inline script and style (the site's pages keep theirs; <see cref="SecurityHeaders"/>
/// keeps a policy the endpoint chose).
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/docs";

    private const string PagePolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'";

    public static void MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference(Path, options => options
                .WithTitle("Prime Tech API")
                .WithOpenApiRoutePattern("/api/openapi.json")
                .WithDefaultHttpClient(ScalarTarget.CSharp, ScalarClient.HttpClient))
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.ContentSecurityPolicy = PagePolicy;
                return await next(context);
            });
}
