using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PrimeTech.Benchmarks;

/// <summary>
/// The yardstick for the licence API: the same lookup with nothing around it — a minimal API on
/// Kestrel (HTTPS with the app's certificate), the JSON body read, one indexed read of the licence
/// table by key through bare Npgsql (pooled, no reset on close, as the app's stores), a small JSON
/// answer. Lives here, never in the product; runs as a process of its own (this program started
/// with <c>--reference-endpoint</c>, server GC like the app), so it competes for the cores as the app does.
/// </summary>
public sealed class ReferenceEndpoint : IAsyncDisposable
{
    public const string Command = "--reference-endpoint";

    private readonly Process _process;
    private readonly string _connectionString;

    private ReferenceEndpoint(Process process, string connectionString, string url)
    {
        _process = process;
        _connectionString = connectionString;
        Url = url;
    }

    public string Url { get; }

    public static async Task<ReferenceEndpoint> StartAsync(string connectionString, int port, TlsCertificate tls, HttpClient http)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Command, port.ToString(CultureInfo.InvariantCulture), connectionString, tls.CertificatePath, tls.KeyPath }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(start)!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { process.Kill(); } catch (InvalidOperationException) { } };
        _ = process.StandardOutput.ReadToEndAsync();
        var url = $"https://127.0.0.1:{port}/validate";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var probe = await http.PostAsync(url, new StringContent("{\"licenceKey\":\"\"}", System.Text.Encoding.UTF8, "application/json"));
                if (probe.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException("The reference endpoint did not start: " + await process.StandardError.ReadToEndAsync());
            await Task.Delay(50);
        }
        return new ReferenceEndpoint(process, connectionString, url);
    }

    /// <summary>The endpoint itself, until the process is stopped: <c>--reference-endpoint PORT CONNECTION CERT KEY</c>.</summary>
    public static async Task ServeAsync(string[] args)
    {
        var (port, connectionString, certificate) = (int.Parse(args[1], CultureInfo.InvariantCulture), args[2], X509Certificate2.CreateFromPemFile(args[3], args[4]));
        await using var data = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString).Build();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, l => l.UseHttps(certificate)));
        await using var app = builder.Build();
        app.MapPost("/validate", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var key = body.RootElement.GetProperty("licenceKey").GetString();
            await using var command = data.CreateCommand("select data ->> 'status' from licensing.mt_doc_licence where data ->> 'key' = $1");
            command.Parameters.AddWithValue(key ?? "");
            var status = await command.ExecuteScalarAsync() as string;
            return Results.Json(new { licenceKey = key, found = status is not null, status });
        });
        await app.RunAsync();
    }

    /// <summary>The query plan, so the output shows the read uses the key's unique index.</summary>
    public async Task<string> PlanAsync(string key)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("explain select data ->> 'status' from licensing.mt_doc_licence where data ->> 'key' = $1", connection);
        command.Parameters.AddWithValue(key);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0).Trim());
        return string.Join(" / ", lines);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
