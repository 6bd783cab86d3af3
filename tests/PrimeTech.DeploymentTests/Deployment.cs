using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Npgsql;
using PrimeTech.StripeStandIn;

namespace PrimeTech.DeploymentTests;

[CollectionDefinition(Name)]
public sealed class DeploymentCollection : ICollectionFixture<Deployment>
{
    public const string Name = "deployment";
}

/// <summary>
/// The production-like deployment, started as an operator starts it (<c>dotnet cake
/// --target=Production</c>; with <c>PRIMETECH_DEPLOYMENT_BUILT=1</c> only
/// <c>production.sh start</c>, for a publish output already there) and stopped at the end. Tests
/// reach it through Caddy at <see cref="PublicUrl"/>, trusting Caddy's root CA, or each instance
/// directly as the proxy would (from 127.0.0.1 with forwarded headers).
/// </summary>
public sealed class Deployment : IAsyncLifetime
{
    public const string PublicUrl = "https://127.0.0.1:8443";
    public const string PublicS3 = "https://127.0.0.1:8444";
    public static readonly string[] InstanceUrls = ["http://127.0.0.1:5101", "http://127.0.0.1:5102"];

    private IPlaywright? _playwright;
    private int _clientAddresses;

    public static string RepoRoot { get; } = FindRepoRoot();
    public static string StateDir => Path.Combine(RepoRoot, ".dev", "production");
    public static string RootCertificate => Path.Combine(RepoRoot, ".dev", "caddy", "root.crt");

    public IReadOnlyDictionary<string, string> Secrets { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> InstanceSettings { get; private set; } = null!;
    public string AdminEmail => Secrets["ADMIN_EMAIL"];
    public string AdminPassword => Secrets["ADMIN_PASSWORD"];
    public string StripeSecretKey => Secrets["STRIPE_SECRET_KEY"];
    public string WebhookSecret => Secrets["STRIPE_WEBHOOK_SECRET"];
    public StripeStandInClient Stripe { get; private set; } = null!;
    public MailSink Mail { get; } = MailSink.Create();
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>How long the start took (the README's figure).</summary>
    public TimeSpan StartDuration { get; private set; }

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        var start = Environment.GetEnvironmentVariable("PRIMETECH_DEPLOYMENT_BUILT") == "1"
            ? await RunAsync("bash", "build/production/production.sh", "start")
            : await RunAsync("dotnet", "cake", "--target=Production");
        if (start.ExitCode != 0)
            throw new InvalidOperationException($"The deployment did not start ({start.ExitCode}):\n{start.Output}\n{start.Error}");
        StartDuration = watch.Elapsed;

        Secrets = ReadEnvFile(Path.Combine(StateDir, "secrets.env"));
        InstanceSettings = ReadEnvFile(Path.Combine(StateDir, "instance.env"));
        Stripe = new StripeStandInClient(new HttpClient { BaseAddress = new Uri(InstanceSettings["Stripe__ApiBase"].TrimEnd('/') + "/") });

        _playwright = await Playwright.CreateAsync();
        Browser = await DebianChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await ProductionAsync("stop");
    }

    /// <summary>A client of the site through Caddy, trusting only Caddy's root CA (no cookie jar: tests send cookies themselves).</summary>
    public static HttpClient Proxy()
    {
        var handler = TrustedRoot.Handler(RootCertificate);
        handler.UseCookies = false;
        handler.AllowAutoRedirect = false;
        handler.MaxConnectionsPerServer = 64;
        return new HttpClient(handler) { BaseAddress = new Uri(PublicUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>
    /// A client of instance <paramref name="n"/> (1 or 2) directly, as Caddy talks to it: from
    /// 127.0.0.1 (the trusted proxy) with <c>X-Forwarded-Proto: https</c> and a client address of
    /// its own, so per-IP limits treat each simulated customer as a different visitor.
    /// </summary>
    public HttpClient Instance(int n, bool forwardedHttps = true)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(InstanceUrls[n - 1]),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (forwardedHttps)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", NextClientAddress());
        }
        return client;
    }

    private string NextClientAddress()
    {
        var i = Interlocked.Increment(ref _clientAddresses);
        return $"10.{Random.Shared.Next(1, 250)}.{i / 250 % 250}.{i % 250 + 1}";
    }

    /// <summary>A browser page on the site through Caddy (Chromium does not know Caddy's CA; the HttpClient tests check the chain).</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PublicUrl, Locale = "en-GB", IgnoreHTTPSErrors = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    public static Task<CommandResult> ProductionAsync(params string[] args) =>
        RunAsync("bash", ["build/production/production.sh", .. args]);

    public static NpgsqlConnection Database() =>
        new(TestServices.ConnectionString("primetech_production"));

    /// <summary>The first column of each row; <paramref name="parameter"/> is <c>$1</c>.</summary>
    public static async Task<List<T>> QueryAsync<T>(string sql, object? parameter = null)
    {
        await using var connection = Database();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(reader.GetFieldValue<T>(0));
        return rows;
    }

    private static async Task<CommandResult> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary>KEY=VALUE lines, unquoted (the format production.sh writes).</summary>
    public static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PrimeTech.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PrimeTech.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Request helpers shared by the deployment tests.</summary>
public static class Requests
{
    public static HttpRequestMessage Json(HttpMethod method, string path, object body, string? cookie = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent(body) };
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return request;
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
