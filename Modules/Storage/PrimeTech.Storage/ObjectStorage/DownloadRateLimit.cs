using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Storage.ObjectStorage;

/// <summary>
/// Minting download links (releases, invoices, receipts): 30 per minute per signed-in user
/// (<c>RateLimits:Downloads:PermitLimit</c>, <c>RateLimits:Downloads:Window</c>).
/// </summary>
public static class DownloadRateLimitPolicy
{
    private const string Policy = Contracts.DownloadRateLimit.Policy;

    public static RateLimiterOptions AddDownloadsPolicy(this RateLimiterOptions options)
    {
        options.AddPolicy(Policy, http =>
        {
            var configuration = http.RequestServices.GetRequiredService<IConfiguration>();
            var limit = configuration.GetValue($"RateLimits:{Policy}:PermitLimit", 30);
            var window = configuration.GetValue($"RateLimits:{Policy}:Window", TimeSpan.FromMinutes(1));
            var who = http.User.UserId()?.ToString("N") ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter($"{who}|{limit}|{window}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        return options;
    }
}
