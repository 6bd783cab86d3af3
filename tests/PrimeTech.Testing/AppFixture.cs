using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Alba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.Host;
using PrimeTech.Host.Cli;
using PrimeTech.StripeStandIn;
using Xunit;
using System.Globalization;

namespace PrimeTech.Testing;

/// <summary>
/// The whole application on real services: a database and a bucket of its own (created here, then
/// migrated and seeded in-process by the code of the <c>migrate</c> and <c>seed</c> commands), the
/// shared SMTP sink, a Stripe stand-in of its own (in-process, real HTTP, Stripe's signatures), and
/// a clock tests can move. One fixture serves a test assembly (one collection, so its tests run one at a time); tests make their own data and
/// never count others', and a test that needs another setting applies it with <see cref="Override"/>.
/// <para>
/// Stripe's webhooks and browsers need a real listener: a fixture that returns true from
/// <see cref="ServeOnKestrel"/> also serves the app on Kestrel at <see cref="SiteUrl"/> (which is
/// then <c>Site:PublicUrl</c>, so Stripe's success and cancel URLs lead back to it) and points the
/// stand-in's webhooks at it. Both hosts share the database and the clock.
/// </para>
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public const string StripeApiKey = "sk_test_fixture";

    private WebApplication? _stripe;
    private WebApplicationFactory<Program>? _site;

    public string Id { get; } = "t" + Guid.NewGuid().ToString("N")[..12];
    public string DatabaseName => "pt_" + Id;
    public string Bucket => "pt-" + Id;
    public ShiftableClock Clock { get; } = new();
    public MailSink Mail { get; } = MailSink.Create();
    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>The stand-in's control API and base URL (started by <see cref="InitializeAsync"/> or <see cref="StartStripeStandInAsync"/>).</summary>
    public StripeStandInClient Stripe { get; private set; } = null!;

    public string StripeWebhookSecret => "whsec_" + Id;

    /// <summary>Serve the app on Kestrel too (webhooks, browsers)?</summary>
    protected virtual bool ServeOnKestrel => false;

    /// <summary><c>Site:PublicUrl</c>: the Kestrel address when the app is served on Kestrel.</summary>
    public string SiteUrl => Settings["Site:PublicUrl"];

    /// <summary>The app on Kestrel (only when <see cref="ServeOnKestrel"/>).</summary>
    public IServiceProvider SiteServices => _site?.Services ?? throw new InvalidOperationException("This fixture does not serve the app on Kestrel.");

    /// <summary>Configuration of the app under test, as configuration keys.</summary>
    public Dictionary<string, string> Settings { get; }

    public AppFixture()
    {
        Settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = TestServices.ConnectionString(DatabaseName),
            ["Site:PublicUrl"] = "http://127.0.0.1:5080",
            ["S3:Endpoint"] = $"127.0.0.1:{TestServices.S3Port}",
            ["S3:Region"] = "us-east-1",
            ["S3:AccessKey"] = "test:tester",
            ["S3:SecretKey"] = "testing",
            ["S3:Bucket"] = Bucket,
            ["S3:UseSsl"] = "false",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = TestServices.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:UseStartTls"] = "false",
            ["Smtp:From"] = "no-reply@primetech.test",
            ["Stripe:SecretKey"] = StripeApiKey,
            ["Stripe:WebhookSecret"] = StripeWebhookSecret,
            // The fixture's own licence signing key: any 32 random bytes are an Ed25519 private key.
            ["Licensing:SigningKeys:0:Id"] = "test-" + Id,
            ["Licensing:SigningKeys:0:PrivateKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Licensing:SigningKeys:0:Status"] = "Active",
            ["Seed:AdminEmail"] = $"admin-{Id}@primetech.test",
            ["Seed:AdminPassword"] = "Admin-password-for-tests-1",
            ["Seed:AdminName"] = "Test Administrator",
            // Every test request comes from the same (absent) client IP: lift the per-IP limits.
            // The rate-limit tests lower them again for a moment (Override).
            ["RateLimits:Auth:PermitLimit"] = "100000",
            ["RateLimits:ResendVerification:PermitLimit"] = "100000",
            ["RateLimits:Session:PermitLimit"] = "100000",
            ["RateLimits:BookingCreate:PermitLimit"] = "100000",
            ["RateLimits:BookingTrack:PermitLimit"] = "100000",
        };
    }

    public string AdminEmail => Settings["Seed:AdminEmail"];
    public string AdminPassword => Settings["Seed:AdminPassword"];

    public virtual async Task InitializeAsync()
    {
        var port = ServeOnKestrel ? FreeLoopbackPort() : 0;
        if (ServeOnKestrel) Settings["Site:PublicUrl"] = $"http://127.0.0.1:{port}";
        // Without a Kestrel listener, deliveries go to a closed port and fail fast.
        await StartStripeStandInAsync(ServeOnKestrel ? SiteUrl + "/api/webhooks/stripe" : "http://127.0.0.1:9/api/webhooks/stripe");
        await PrepareDatabaseAsync();
        Host = await AlbaHost.For<Program>(ConfigureWebHost);

        if (ServeOnKestrel)
        {
            _site = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                ConfigureWebHost(builder);
                builder.UseSetting("urls", SiteUrl);
            });
            _site.UseKestrel(port);
            _site.StartServer();
        }
    }

    /// <summary>Starts this fixture's Stripe stand-in on a free port and points <c>Stripe:ApiBase</c> at it.</summary>
    public async Task StartStripeStandInAsync(string webhookUrl)
    {
        var (app, baseUrl) = await StandInServer.StartAsync(o =>
        {
            o.ApiKey = StripeApiKey;
            o.WebhookSecret = StripeWebhookSecret;
            o.WebhookUrl = webhookUrl;
        });
        _stripe = app;
        Settings["Stripe:ApiBase"] = baseUrl;
        Stripe = new StripeStandInClient(new HttpClient { BaseAddress = new Uri(baseUrl + "/") });
    }

    /// <summary>A loopback port free at this moment.</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The server that holds the fixture's database (the shared PostgreSQL unless a fixture brings its own).</summary>
    protected virtual string AdminConnectionString() => TestServices.AdminConnectionString();

    /// <summary>
    /// Creates the fixture's database, then migrates and seeds it with the code of the <c>migrate</c>
    /// and <c>seed</c> commands, in this process: an app composed as the executable composes itself,
    /// built and never started. Starting the executable twice per fixture cost seconds of CPU each;
    /// the executable's own commands are tested by Host.Tests' <c>OperatorCommandTests</c>.
    /// </summary>
    public async Task PrepareDatabaseAsync()
    {
        await using (var admin = new NpgsqlConnection(AdminConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {DatabaseName}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = HostEnvironment,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(Settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddPrimeTech();
        TestPasswordHasher.Replace(builder.Services);
        await using var app = builder.Build();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await OperatorCommands.MigrateAsync(app, TextWriter.Null, deadline.Token);
        await OperatorCommands.SeedAsync(app.Services,
            new SeedArguments(AdminEmail, AdminPassword, Settings["Seed:AdminName"], DemoReleases: false), TextWriter.Null, deadline.Token);
    }

    /// <summary>Settings applied while the fixture's hosts run (<see cref="Override"/>).</summary>
    public SettingOverrides Overrides { get; } = new();

    /// <summary>Sets configuration keys in every host of the fixture until the handle is disposed.</summary>
    public IDisposable Override(params (string Key, string Value)[] settings) =>
        Overrides.Apply(settings.ToDictionary(s => s.Key, s => s.Value));

    /// <summary>Test settings and the movable clock, applied to any host built from <see cref="Program"/>.</summary>
    public virtual void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        // Outside Development the Razor class library's wwwroot (css, js) is only found through the
        // static web assets manifest when asked for; without it they were served empty.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.Add(Overrides));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureTestServices(TestPasswordHasher.Replace);
    }

    public virtual async Task DisposeAsync()
    {
        if (_site is not null) await _site.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
        if (_stripe is not null) await _stripe.DisposeAsync();
        await DropDatabaseAsync();
    }

    public async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {DatabaseName} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The environment <see cref="RunHostCommandAsync"/> runs the executable in, and <see cref="PrepareDatabaseAsync"/> composes the app in.</summary>
    public string HostEnvironment { get; set; } = "Test";

    /// <summary>
    /// Runs the real executable with a command word (<c>migrate</c>, <c>seed</c>), or none to serve,
    /// configured like the app under test. A run still going after five minutes is killed (exit code -1).
    /// </summary>
    public async Task<CommandResult> RunHostCommandAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = HostEnvironment;
        foreach (var (key, value) in Settings)
            start.Environment[key.Replace(":", "__")] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new CommandResult(-1, await output, await error);
        }
        return new CommandResult(process.ExitCode, await output, await error);
    }
}

public sealed record CommandResult(int ExitCode, string Output, string Error);
