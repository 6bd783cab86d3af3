using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.BuildingBlocks.Web;

/// <summary>
/// Fixed-window rate limits per client IP, counted per app instance. The numbers come from
/// <c>RateLimits:{Policy}:PermitLimit</c> and <c>RateLimits:{Policy}:Window</c> (defaults given by the
/// module), so tests can raise or lower them. Page views (GET/HEAD outside /api) are never counted:
/// a policy on a page limits its form posts.
/// </summary>
public static class RateLimiting
{
    public const string RetryAfterItem = "RetryAfterSeconds";

    public static RateLimiterOptions AddFixedWindowPerClientIp(this RateLimiterOptions options, string policy, int permitLimit, TimeSpan window)
    {
        options.AddPolicy(policy, http =>
        {
            var request = http.Request;
            if (!request.Path.StartsWithSegments("/api") && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
                return RateLimitPartition.GetNoLimiter("page-view");

            var configuration = http.RequestServices.GetRequiredService<IConfiguration>();
            var limit = configuration.GetValue($"RateLimits:{policy}:PermitLimit", permitLimit);
            var length = configuration.GetValue($"RateLimits:{policy}:Window", window);
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter($"{client}|{limit}|{length}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = length,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        return options;
    }

    /// <summary>
    /// 429 with <c>Retry-After</c> (whole seconds). Under /api the problem+json RATE_LIMITED; pages are
    /// left empty so the status-code pages render the styled 429 page (which reads the same seconds).
    /// </summary>
    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken _)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Items[RetryAfterItem] = seconds;
        if (http.Request.Path.StartsWithSegments("/api"))
            await ProblemWriter.WriteAsync(http, ErrorCode.RateLimited, $"Too many requests. Try again in {seconds} seconds.");
    }
}
