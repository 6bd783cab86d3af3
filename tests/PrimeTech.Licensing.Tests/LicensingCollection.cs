using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Storage.ObjectStorage;
using System.Globalization;

namespace PrimeTech.Licensing.Tests;

[CollectionDefinition(Name)]
public sealed class LicensingCollection : ICollectionFixture<LicensingFixture>
{
    public const string Name = "licensing";
}

/// <summary>
/// The app with the licence API's limits lifted (every test client shares one IP) and licence keys a
/// test can script. <c>Downloads:LinkLifetime</c> is read live, so <see cref="TightLimitTests"/> can shorten it.
/// </summary>
public class LicensingFixture : AppFixture
{
    /// <summary>Small enough to test the limit, above the S3 client's 16 MiB part size so uploads go multipart.</summary>
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public ScriptedLicenceKeys Keys { get; } = new();

    public LicensingFixture()
    {
        Settings["RateLimits:LicenceIp:PermitLimit"] = "1000000";
        Settings["RateLimits:LicenceKey:PermitLimit"] = "1000000";
        Settings["RateLimits:Downloads:PermitLimit"] = "1000000";
        Settings["Releases:MaxUploadBytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
    }

    public override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<LicenceKeySource>(Keys);
            services.AddLiveOptions<DownloadOptions>();
        });
    }
}

/// <summary>Random keys, except those a test queued first (to force a collision).</summary>
public sealed class ScriptedLicenceKeys : LicenceKeySource
{
    private readonly ConcurrentQueue<string> _queued = new();

    public void QueueNext(params string[] keys)
    {
        foreach (var key in keys) _queued.Enqueue(key);
    }

    public override string Next() => _queued.TryDequeue(out var key) ? key : base.Next();
}
