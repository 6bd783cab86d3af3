using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Licensing.LicenceApi;

/// <summary>
/// The licence API's limits (CODEX_HANDOFF §5.4): <see cref="PerIp"/> through the ASP.NET rate
/// limiter on the endpoints, then <see cref="PerKey"/> here, once the key is known to be well-formed
/// (a malformed key never reaches a partition). Fixed windows counted per app instance; the numbers
/// are <c>RateLimits:{Policy}:PermitLimit</c> and <c>RateLimits:{Policy}:Window</c>.
/// </summary>
public sealed class LicenceRateLimits : IDisposable
{
    public const string PerIp = "LicenceIp";
    public const string PerKey = "LicenceKey";

    public static readonly (int PermitLimit, TimeSpan Window) PerIpDefault = (120, TimeSpan.FromMinutes(1));
    public static readonly (int PermitLimit, TimeSpan Window) PerKeyDefault = (60, TimeSpan.FromMinutes(1));

    private readonly PartitionedRateLimiter<string> _perKey;

    public LicenceRateLimits(IConfiguration configuration)
    {
        var limit = configuration.GetValue($"RateLimits:{PerKey}:PermitLimit", PerKeyDefault.PermitLimit);
        var window = configuration.GetValue($"RateLimits:{PerKey}:Window", PerKeyDefault.Window);
        _perKey = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Counts one request for the normalised <paramref name="licenceKey"/>; null when allowed, else the 429 answer.</summary>
    public IResult? Refuse(string licenceKey)
    {
        using var lease = _perKey.AttemptAcquire(licenceKey);
        if (lease.IsAcquired) return null;
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        return new TooManyRequests(seconds);
    }

    public void Dispose() => _perKey.Dispose();

    private sealed class TooManyRequests(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return ProblemWriter.WriteAsync(http, ErrorCode.RateLimited,
                $"Too many requests. Try again in {seconds} seconds.");
        }
    }
}
