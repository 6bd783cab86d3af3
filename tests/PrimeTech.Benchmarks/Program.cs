using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PrimeTech.StripeStandIn;

namespace PrimeTech.Benchmarks;

/// <summary>
/// <c>dotnet cake --target=Bench</c>: the Release build (pre-generated handler code) in Production as
/// a process of its own, on a throwaway PostgreSQL with fsync and synchronous_commit on, the shared
/// S3, an SMTP sink and a Stripe stand-in of the benchmark's own. Each scenario runs right after a
/// B0 run (<c>GET /health/live</c>) and is reported as a ratio of it. Arguments: scenario names to
/// run only those (see <see cref="Scenarios"/>), <c>--duration=S</c> for wrk's seconds per run.
/// </summary>
public static class BenchmarkProgram
{
    private const int Connections = 16;
    private const int AppPort = 5443;
    private const int ReferencePort = 5444;
    private const int PostgresPort = 55533;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == ReferenceEndpoint.Command)
        {
            await ReferenceEndpoint.ServeAsync(args);
            return 0;
        }
        var duration = TimeSpan.FromSeconds(args.Where(a => a.StartsWith("--duration=", StringComparison.Ordinal))
            .Select(a => int.Parse(a["--duration=".Length..], CultureInfo.InvariantCulture)).DefaultIfEmpty(10).First());
        var only = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var notes = new List<string> { $"load average at start: {LoadAverage()}" };
        var results = new List<BenchResult>();

        var tls = await TlsCertificate.CreateAsync();
        await using var postgres = await DurablePostgres.StartAsync(PostgresPort);
        notes.Add(await postgres.DescribeAsync());
        Console.WriteLine(notes[^1]);

        var id = Guid.NewGuid().ToString("N")[..10];
        var stripeKey = "sk_test_bench_" + id;
        var webhookSecret = "whsec_bench_" + id;
        var (standIn, standInUrl) = await StandInServer.StartAsync(o =>
        {
            o.ApiKey = stripeKey;
            o.WebhookSecret = webhookSecret;
            // The benchmark signs and posts the events itself; the stand-in's own deliveries go nowhere.
            o.WebhookUrl = "http://127.0.0.1:9/api/webhooks/stripe";
        });
        await using var _ = standIn;
        using var smtp = new SmtpSink();

        var baseUrl = $"https://127.0.0.1:{AppPort}";
        var settings = Settings(postgres.ConnectionString("primetech_bench"), baseUrl, "pt-bench-" + id, smtp.Port, standInUrl, stripeKey,
            webhookSecret, tls);
        await AppProcess.RunCommandAsync(settings, "migrate");
        await AppProcess.RunCommandAsync(settings, "seed");
        var client = new BenchClient(baseUrl, new StripeStandInClient(new HttpClient { BaseAddress = new Uri(standInUrl + "/") }), stripeKey, webhookSecret);
        await using var app = await AppProcess.StartAsync(settings, baseUrl, client.Http);
        notes.Add($"start-up of the app process to /health/ready answering 200: {app.StartToReady.TotalSeconds:0.00} s");
        Console.WriteLine(notes[^1]);
        await using var reference = await ReferenceEndpoint.StartAsync(postgres.ConnectionString("primetech_bench"), ReferencePort, tls, client.Http);

        var scenarios = new Scenarios(client, app, smtp, postgres.ConnectionString("primetech_bench"), settings, duration, Connections, reference, notes);
        await scenarios.PrepareAsync();

        foreach (var scenario in scenarios.All.Where(s => only.Count == 0 || only.Contains(s.Name) || s.AlwaysRuns))
        {
            var b0 = await Wrk.RunAsync("B0: GET /health/live", baseUrl + "/health/live", new WrkRequest(), Connections, duration);
            var measured = await scenario.RunAsync();
            if (measured is null) continue;
            measured = measured with { RatioToB0 = Math.Round(measured.Rps / b0.Rps, 4) };
            results.Add(b0 with { RatioToB0 = 1 });
            results.Add(measured);
            Console.WriteLine($"{b0.Scenario,-58} {b0.Rps,9:N0}/s p50 {b0.P50Ms,7:0.##} ms p99 {b0.P99Ms,7:0.##} ms");
            Console.WriteLine($"{measured.Scenario,-58} {measured.Rps,9:N0}/s p50 {measured.P50Ms,7:0.##} ms p99 {measured.P99Ms,7:0.##} ms  " +
                              $"x{measured.RatioToB0:0.###} of B0, {measured.Failures} failed, load {LoadAverage()}");
        }

        notes.Add($"app RSS at the end of the run: {app.ResidentMegabytes():0} MB");
        notes.Add($"load average at the end: {LoadAverage()}");
        foreach (var note in notes.Skip(2)) Console.WriteLine(note);
        await Report.WriteAsync(results, notes, Machine());
        Console.WriteLine($"Written: {Path.Combine(BenchPaths.Output, "results.json")}, results.md, results.svg");
        return 0;
    }

    private static Dictionary<string, string> Settings(string connectionString, string baseUrl, string bucket, int smtpPort, string stripeApi,
        string stripeKey, string webhookSecret, TlsCertificate tls)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = baseUrl,
            ["Kestrel:Certificates:Default:Path"] = tls.CertificatePath,
            ["Kestrel:Certificates:Default:KeyPath"] = tls.KeyPath,
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Site:PublicUrl"] = baseUrl,
            ["Seller:VatNumber"] = "GB987654312",
            ["Seller:Email"] = "accounts@primetech.example",
            ["S3:Endpoint"] = $"127.0.0.1:{TestServices.S3Port}",
            ["S3:Region"] = "us-east-1",
            ["S3:AccessKey"] = "test:tester",
            ["S3:SecretKey"] = "testing",
            ["S3:Bucket"] = bucket,
            ["S3:UseSsl"] = "false",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:UseStartTls"] = "false",
            ["Smtp:From"] = "no-reply@primetech.example",
            ["Stripe:SecretKey"] = stripeKey,
            ["Stripe:WebhookSecret"] = webhookSecret,
            ["Stripe:ApiBase"] = stripeApi,
            ["Seed:AdminEmail"] = Scenarios.AdminEmail,
            ["Seed:AdminPassword"] = Scenarios.AdminPassword,
            ["Seed:AdminName"] = "Bench Administrator",
            ["Logging:LogLevel:Default"] = "Warning",
            // The licence API signs its answers (Ed25519 seed, 32 random bytes).
            ["Licensing:SigningKeys:0:Id"] = "bench-" + bucket,
            ["Licensing:SigningKeys:0:PrivateKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Licensing:SigningKeys:0:Status"] = "Active",
        };
        // All the load comes from one address: the per-IP and per-key limits would measure themselves.
        foreach (var policy in new[] { "Auth", "ResendVerification", "Session", "LicenceIp", "LicenceKey", "BookingCreate", "BookingTrack" })
            settings[$"RateLimits:{policy}:PermitLimit"] = "100000000";
        return settings;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim();
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"{Environment.ProcessorCount} cores ({model}), {long.Parse(memory, CultureInfo.InvariantCulture) / 1024 / 1024} GB RAM, {Environment.OSVersion}";
    }
}

/// <summary>A self-signed certificate for 127.0.0.1, as PEM files (for the app's Kestrel and the reference endpoint's).</summary>
public sealed record TlsCertificate(string CertificatePath, string KeyPath)
{
    public static async Task<TlsCertificate> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "primetech-bench-tls");
        Directory.CreateDirectory(dir);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        var certPath = Path.Combine(dir, "cert.pem");
        var keyPath = Path.Combine(dir, "key.pem");
        await File.WriteAllTextAsync(certPath, created.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new TlsCertificate(certPath, keyPath);
    }
}
