using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PrimeTech.Benchmarks;

/// <summary>The app on Kestrel with the fixture's own database and bucket, as the tests run it but without a test host.</summary>
public sealed class BenchSite : IAsyncDisposable
{
    private readonly AppFixture _fixture;
    private readonly WebApplicationFactory<Program> _factory;

    private BenchSite(AppFixture fixture, WebApplicationFactory<Program> factory, string baseUrl)
    {
        _fixture = fixture;
        _factory = factory;
        BaseUrl = baseUrl;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false })
        {
            BaseAddress = new Uri(baseUrl),
        };
    }

    public string BaseUrl { get; }
    public HttpClient Http { get; }
    public AppFixture Fixture => _fixture;
    public IServiceProvider Services => _factory.Services;

    public static string RepoRoot { get; } = FindRepoRoot();

    public static async Task<BenchSite> StartAsync()
    {
        var fixture = new AppFixture();
        // Stripe's API (checkout sessions for the payment scenarios); the scenarios sign and post
        // webhooks themselves, so the stand-in's own deliveries go nowhere.
        await fixture.StartStripeStandInAsync("http://127.0.0.1:9/api/webhooks/stripe");
        await fixture.PrepareDatabaseAsync();
        // This program is not a test project, so the factory is told where the Host's content is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PRIMETECH_HOST", Path.Combine(RepoRoot, "Host", "PrimeTech.Host"));
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            fixture.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            // Production refuses the example VAT number of appsettings.json.
            builder.UseSetting("Seller:VatNumber", "GB999999973");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchSite(fixture, factory, address.Replace("localhost", "127.0.0.1").TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        await _fixture.DropDatabaseAsync();
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PrimeTech.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
