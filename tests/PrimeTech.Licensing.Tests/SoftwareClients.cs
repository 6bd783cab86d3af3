using System.Net.Http.Json;
using NSec.Cryptography;
using PrimeTech.Licensing.Client;

namespace PrimeTech.Licensing.Tests;

/// <summary>
/// The project's own client library, pointed at the app under test (in memory, real HTTP pipeline),
/// with the fixture's public key pinned, a lease cache of its own and a clock of its own.
/// </summary>
public sealed class SoftwareClients(AppFixture app) : IDisposable
{
    private readonly List<string> _cacheDirectories = [];

    public string FixtureKeyId => app.Settings["Licensing:SigningKeys:0:Id"];

    public PinnedKeys FixtureKeys => Pinned((FixtureKeyId, app.Settings["Licensing:SigningKeys:0:PrivateKey"]));

    /// <summary>Pins the public halves of these (id, base64 private key) pairs.</summary>
    public static PinnedKeys Pinned(params (string Id, string PrivateKey)[] keys) =>
        new(keys.ToDictionary(k => k.Id, k => PublicKeyOf(k.PrivateKey)));

    public static string PublicKeyOf(string privateKey)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(privateKey), KeyBlobFormat.RawPrivateKey);
        return Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public static string NewPrivateKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public string NewCacheDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "pt-leases-" + Guid.NewGuid().ToString("N"));
        _cacheDirectories.Add(directory);
        return directory;
    }

    /// <summary>A client on this machine (<paramref name="fingerprint"/>) talking to <paramref name="host"/> (the fixture's by default) through <paramref name="between"/>.</summary>
    public LicensingClient For(string fingerprint, string cacheDirectory, PinnedKeys? keys = null, TimeProvider? clock = null,
        DelegatingHandler? between = null, IAlbaHost? host = null)
    {
        var server = (host ?? app.Host).Server.CreateHandler();
        HttpMessageHandler handler = server;
        if (between is not null)
        {
            between.InnerHandler = server;
            handler = between;
        }
        return new LicensingClient(new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") }, new LicensingClientOptions
        {
            Keys = keys ?? FixtureKeys,
            Fingerprint = fingerprint,
            LeaseCacheDirectory = cacheDirectory,
            Clock = clock ?? TimeProvider.System,
        });
    }

    /// <summary>A client whose network is down: every request fails as if the server were unreachable.</summary>
    public LicensingClient Offline(string fingerprint, string cacheDirectory, TimeProvider clock) =>
        new(new HttpClient(new NoNetwork()) { BaseAddress = new Uri("http://localhost/") }, new LicensingClientOptions
        {
            Keys = FixtureKeys,
            Fingerprint = fingerprint,
            LeaseCacheDirectory = cacheDirectory,
            Clock = clock,
        });

    public void Dispose()
    {
        foreach (var directory in _cacheDirectories.Where(Directory.Exists)) Directory.Delete(directory, recursive: true);
    }

    private sealed class NoNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("No route to host", null, HttpStatusCode.ServiceUnavailable);
    }
}

/// <summary>A man in the middle: rewrites each answer's body (keeping its headers, signature included).</summary>
public sealed class RewriteAnswers(Func<byte[], byte[]> rewrite, bool dropSignature = false) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var original = response.Content;
        var body = new ByteArrayContent(rewrite(await original.ReadAsByteArrayAsync(cancellationToken)));
        foreach (var header in original.Headers.Where(h => h.Key != "Content-Length"))
            body.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = body;
        if (dropSignature) response.Headers.Remove("Licence-Signature");
        return response;
    }

    /// <summary>Turns <c>"valid":false</c> into <c>"valid":true</c>, or else changes the last character before the closing brace.</summary>
    public static byte[] ForgeValid(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        return System.Text.Encoding.UTF8.GetBytes(text.Contains("\"valid\":false") ? text.Replace("\"valid\":false", "\"valid\":true") : text.Replace("\"Active\"", "\"Activf\""));
    }
}

public static class JsonAnswers
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, string? Signature, byte[] Bytes)> SendAsync(HttpClient client, HttpMethod method,
        string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var signature = response.Headers.TryGetValues("Licence-Signature", out var values) ? values.Single() : null;
        var json = bytes.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true;
        return (response.StatusCode, json ? JsonDocument.Parse(bytes).RootElement.Clone() : default, signature, bytes);
    }
}
