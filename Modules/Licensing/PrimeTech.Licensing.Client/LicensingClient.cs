using System.Net.Http.Json;
using System.Text.Json;

namespace PrimeTech.Licensing.Client;

/// <summary>
/// The Prime Tech licence API for the installed software. Every answer's <c>Licence-Signature</c> is
/// checked against the pinned keys before anything in it is believed; a valid answer's lease is
/// cached, so <see cref="ValidateAsync"/> and <see cref="HeartbeatAsync"/> keep answering
/// <see cref="LicenceState.ValidOffline"/> while the server is unreachable, until the lease's
/// <c>expiresAt</c>. The <see cref="HttpClient"/> must have the site as its <c>BaseAddress</c>.
/// </summary>
public sealed class LicensingClient(HttpClient http, LicensingClientOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly LeaseCache _cache = new(options.LeaseCacheDirectory
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "PrimeTech", "leases"));

    public string Fingerprint { get; } = options.Fingerprint ?? MachineFingerprint.Current();

    /// <summary>Activates the licence on this machine (one machine per licence) and caches the lease.</summary>
    public Task<LicenceResult> ActivateAsync(string licenceKey, string? machineName = null, CancellationToken ct = default) =>
        LeaseCallAsync("api/licences/activate", licenceKey, new { licenceKey, fingerprint = Fingerprint, machineName }, offlineFallback: false, ct);

    /// <summary>Asks whether the licence holds on this machine; offline, answers from the cached lease.</summary>
    public Task<LicenceResult> ValidateAsync(string licenceKey, CancellationToken ct = default) =>
        LeaseCallAsync("api/licences/validate", licenceKey, new { licenceKey, fingerprint = Fingerprint }, offlineFallback: true, ct);

    /// <summary>Checks in (the account shows when the machine was last seen) and refreshes the lease; offline, answers from the cached lease.</summary>
    public Task<LicenceResult> HeartbeatAsync(string licenceKey, CancellationToken ct = default) =>
        LeaseCallAsync("api/licences/heartbeat", licenceKey, new { licenceKey, fingerprint = Fingerprint }, offlineFallback: true, ct);

    /// <summary>Frees this machine's seat and forgets the cached lease.</summary>
    public async Task<LicenceResult> DeactivateAsync(string licenceKey, CancellationToken ct = default)
    {
        var answer = await SendAsync(HttpMethod.Post, "api/licences/deactivate", new { licenceKey, fingerprint = Fingerprint }, ct);
        if (answer.Refusal is { } refusal) return refusal;
        if (answer.Problem is { } problem) return new LicenceResult(LicenceState.Invalid, problem.Code, problem.Message, null);
        _cache.Remove(licenceKey);
        return new LicenceResult(LicenceState.Invalid, "DEACTIVATED", "The licence is no longer activated on this machine.", null);
    }

    /// <summary>
    /// The cached lease alone, without asking the server: <see cref="LicenceState.ValidOffline"/> until
    /// its <c>expiresAt</c>, then <see cref="LicenceState.LeaseExpired"/>.
    /// </summary>
    public LicenceResult CheckCachedLease(string licenceKey)
    {
        if (_cache.Load(licenceKey) is not { } cached)
            return new LicenceResult(LicenceState.Unreachable, null, "The licence server cannot be reached and no lease is cached for this licence.", null);
        var (signature, body) = cached;
        if (Refusal(options.Keys.VerifyHeader(signature, body)) is { } refused) return refused;
        var lease = ReadLease(body);
        if (lease is null || lease.LicenceKey != licenceKey || lease.Fingerprint != Fingerprint)
            return new LicenceResult(LicenceState.WrongMachine, null, "The cached lease is for another licence or machine.", lease);
        return options.Clock.GetUtcNow() < lease.ExpiresAt
            ? new LicenceResult(LicenceState.ValidOffline, "VALID", $"Offline: the lease holds until {lease.ExpiresAt:u}.", lease)
            : new LicenceResult(LicenceState.LeaseExpired, "LEASE_EXPIRED", $"Offline since the lease ran out at {lease.ExpiresAt:u}: connect to the internet.", lease);
    }

    /// <summary>Asks for a newer release in <paramref name="channel"/> (<c>stable</c> or <c>beta</c>).</summary>
    public async Task<UpdateResult> CheckForUpdatesAsync(string licenceKey, string currentVersion, string channel = "stable", CancellationToken ct = default)
    {
        var query = $"api/licences/updates?licenceKey={Uri.EscapeDataString(licenceKey)}&fingerprint={Uri.EscapeDataString(Fingerprint)}" +
                    $"&currentVersion={Uri.EscapeDataString(currentVersion)}&channel={Uri.EscapeDataString(channel)}";
        var answer = await SendAsync(HttpMethod.Get, query, null, ct);
        if (answer.Unreachable) return new UpdateResult(UpdateState.Unreachable, null, "The licence server cannot be reached.", null);
        if (answer.Refusal is { } refusal)
            return new UpdateResult(refusal.State switch
            {
                LicenceState.Unsigned => UpdateState.Unsigned,
                LicenceState.UnknownSigningKey => UpdateState.UnknownSigningKey,
                _ => UpdateState.SignatureInvalid,
            }, null, refusal.Message, null);
        if (answer.Problem is { } problem) return new UpdateResult(UpdateState.Refused, problem.Code, problem.Message, null);
        var update = JsonSerializer.Deserialize<UpdateBody>(answer.Body, Json)?.Update;
        return update is null
            ? new UpdateResult(UpdateState.UpToDate, null, $"Version {currentVersion} is the newest in the {channel} channel.", null)
            : new UpdateResult(UpdateState.Available, null, $"Version {update.Version} is available.", update);
    }

    /// <summary>Reads an offline licence file (<c>LIC-XXXX-XXXX-XXXX.lic</c>): valid only if signed by a pinned key and made for this machine.</summary>
    public LicenceResult LoadOfflineFile(string path) => ReadOfflineFile(File.ReadAllBytes(path));

    public LicenceResult ReadOfflineFile(byte[] content)
    {
        SignedDocument? document;
        byte[] payload;
        try
        {
            document = JsonSerializer.Deserialize<SignedDocument>(content, Json);
            payload = Convert.FromBase64String(document?.Payload ?? "");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return new LicenceResult(LicenceState.Unsigned, null, "This is not a Prime Tech licence file.", null);
        }
        if (document is not { Format: "primetech-licence-file/1", KeyId: { } keyId, Signature: { } signature })
            return new LicenceResult(LicenceState.Unsigned, null, "This is not a signed Prime Tech licence file.", null);
        if (Refusal(options.Keys.Verify(keyId, signature, payload)) is { } refused) return refused;

        var licence = JsonSerializer.Deserialize<OfflinePayload>(payload, Json)!;
        var lease = new LicenceLease(licence.LicenceKey, licence.Fingerprint, licence.ProductSku, licence.Status, licence.IssuedAt, DateTimeOffset.MaxValue);
        return licence.Fingerprint == Fingerprint
            ? new LicenceResult(LicenceState.ValidOffline, "VALID", $"Licence {licence.LicenceKey} is activated on this machine by its licence file.", lease)
            : new LicenceResult(LicenceState.WrongMachine, "FINGERPRINT_MISMATCH", "This licence file was made for another machine.", lease);
    }

    private async Task<LicenceResult> LeaseCallAsync(string path, string licenceKey, object body, bool offlineFallback, CancellationToken ct)
    {
        var answer = await SendAsync(HttpMethod.Post, path, body, ct);
        if (answer.Unreachable)
            return offlineFallback
                ? CheckCachedLease(licenceKey)
                : new LicenceResult(LicenceState.Unreachable, null, "The licence server cannot be reached.", null);
        if (answer.Refusal is { } refusal) return refusal;
        if (answer.Problem is { } problem)
        {
            if (problem.Code is "LICENCE_REVOKED" or "LICENCE_NOT_FOUND" or "LICENCE_NOT_ACTIVATED" or "LICENCE_FINGERPRINT_MISMATCH")
                _cache.Remove(licenceKey);
            return new LicenceResult(LicenceState.Invalid, problem.Code, problem.Message, null);
        }

        using var document = JsonDocument.Parse(answer.Body);
        var root = document.RootElement;
        var lease = root.TryGetProperty("lease", out var leaseJson) && leaseJson.ValueKind == JsonValueKind.Object
            ? leaseJson.Deserialize<LicenceLease>(Json)
            : null;
        if (lease is null)
        {
            _cache.Remove(licenceKey);
            var code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
            return new LicenceResult(LicenceState.Invalid, code, $"The licence does not hold on this machine ({code}).", null);
        }
        if (lease.LicenceKey != licenceKey || lease.Fingerprint != Fingerprint)
            return new LicenceResult(LicenceState.WrongMachine, null, "The answer is for another licence or machine.", lease);
        if (options.Clock.GetUtcNow() >= lease.ExpiresAt)
            return new LicenceResult(LicenceState.LeaseExpired, "LEASE_EXPIRED", "The answer's lease has already run out (a replayed answer?).", lease);
        _cache.Save(licenceKey, answer.Signature!, answer.Body);
        return new LicenceResult(LicenceState.Valid, "VALID", $"Licence {licenceKey} is valid here; offline until {lease.ExpiresAt:u}.", lease);
    }

    private async Task<Answer> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        byte[] bytes;
        string? signature, mediaType;
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
            using var response = await http.SendAsync(request, ct);
            bytes = await response.Content.ReadAsByteArrayAsync(ct);
            signature = response.Headers.TryGetValues("Licence-Signature", out var values) ? string.Join(",", values) : null;
            mediaType = response.Content.Headers.ContentType?.MediaType;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new Answer(true, null, null, [], null);
        }

        if (Refusal(options.Keys.VerifyHeader(signature, bytes)) is { } refused) return new Answer(false, refused, null, bytes, signature);
        var problem = mediaType == "application/problem+json" ? JsonSerializer.Deserialize<ProblemBody>(bytes, Json) : null;
        return new Answer(false, null, problem, bytes, signature);
    }

    private static LicenceResult? Refusal(SignatureVerdict verdict) => verdict switch
    {
        SignatureVerdict.Valid => null,
        SignatureVerdict.Unsigned => new LicenceResult(LicenceState.Unsigned, null, "The answer is not signed, so it was refused.", null),
        SignatureVerdict.UnknownKey => new LicenceResult(LicenceState.UnknownSigningKey, null,
            "The answer is signed by a key this software does not trust, so it was refused.", null),
        _ => new LicenceResult(LicenceState.SignatureInvalid, null, "The answer's signature does not match its content (tampered?), so it was refused.", null),
    };

    private static LicenceLease? ReadLease(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("lease", out var lease) && lease.ValueKind == JsonValueKind.Object
                ? lease.Deserialize<LicenceLease>(Json)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Answer(bool Unreachable, LicenceResult? Refusal, ProblemBody? Problem, byte[] Body, string? Signature);

    private sealed record ProblemBody(string? Code, string? Detail)
    {
        public string Message => Detail ?? Code ?? "The server refused the request.";
    }

    private sealed record UpdateBody(AvailableUpdate? Update);

    private sealed record SignedDocument(string? Format, string? KeyId, string? Algorithm, string? Payload, string? Signature);

    private sealed record OfflinePayload(string LicenceKey, string Fingerprint, string ProductSku, string Status, DateTimeOffset IssuedAt);
}
