using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace PrimeTech.Licensing.Signing;

/// <summary>
/// The key ring that signs the licence API's answers and licence files with Ed25519: the one
/// Active key signs; every configured key (Active and Retired) is published at
/// <c>GET /api/licences/keys</c>, so answers signed before a rotation still verify. To rotate, add a
/// new Active key and mark the old one Retired; remove it from configuration once no client needs it.
/// </summary>
public sealed partial class LicenceSigningKeys : IDisposable
{
    public const string Algorithm = "Ed25519";
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private readonly Key _active;
    private readonly List<Key> _all = [];

    public LicenceSigningKeys(IOptions<LicensingOptions> options)
    {
        var configured = options.Value.SigningKeys;
        var problems = Problems(configured).ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));

        var published = new List<PublishedSigningKey>();
        Key? active = null;
        foreach (var entry in configured)
        {
            var key = Key.Import(Ed25519, Convert.FromBase64String(entry.PrivateKey!), KeyBlobFormat.RawPrivateKey);
            _all.Add(key);
            published.Add(new PublishedSigningKey(entry.Id!, Algorithm,
                Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), entry.Status.ToString()));
            if (entry.Status == SigningKeyStatus.Active)
            {
                active = key;
                ActiveKeyId = entry.Id!;
            }
        }
        _active = active!;
        Published = published;
    }

    public string ActiveKeyId { get; } = "";

    public IReadOnlyList<PublishedSigningKey> Published { get; }

    public byte[] Sign(ReadOnlySpan<byte> data) => Ed25519.Sign(_active, data);

    /// <summary>The <c>Licence-Signature</c> header value: <c>keyid=&lt;id&gt;, sig=&lt;base64&gt;</c>.</summary>
    public string SignatureHeader(ReadOnlySpan<byte> data) => $"keyid={ActiveKeyId}, sig={Convert.ToBase64String(Sign(data))}";

    /// <summary>A fresh private key, base64 of its 32 raw bytes (for <c>keys generate</c> and Development).</summary>
    public static string GeneratePrivateKey()
    {
        using var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return Convert.ToBase64String(key.Export(KeyBlobFormat.RawPrivateKey));
    }

    /// <summary>What is wrong with the configured keys, each naming its configuration key; empty when usable.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<SigningKeyOptions> keys)
    {
        const string prefix = $"{LicensingOptions.Section}:{nameof(LicensingOptions.SigningKeys)}";
        if (keys.Count == 0)
        {
            yield return $"Configuration key '{prefix}:0:PrivateKey' is missing: the licence API signs every answer with it. " +
                         $"Run 'PrimeTech.Host keys generate' and set {prefix}:0:Id, {prefix}:0:PrivateKey and {prefix}:0:Status=Active.";
            yield break;
        }
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Id is not { } id || !IdShape().IsMatch(id))
                yield return $"Configuration key '{prefix}:{i}:Id' must be 1 to 64 letters, numbers, '.', '_' or '-'.";
            if (!IsPrivateKey(keys[i].PrivateKey))
                yield return $"Configuration key '{prefix}:{i}:PrivateKey' must be the base64 of a 32-byte Ed25519 private key ('keys generate' prints one).";
        }
        if (keys.Count(k => k.Status == SigningKeyStatus.Active) != 1)
            yield return $"Configuration keys '{prefix}:N:Status': exactly one signing key must be Active (the others Retired).";
        if (keys.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() != keys.Count)
            yield return $"Configuration keys '{prefix}:N:Id': every signing key needs its own id.";
    }

    private static bool IsPrivateKey(string? base64)
    {
        var bytes = new byte[64];
        return base64 is not null && Convert.TryFromBase64String(base64.Trim(), bytes, out var length) && length == 32;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    public void Dispose()
    {
        foreach (var key in _all) key.Dispose();
    }
}

/// <summary>One entry of <c>GET /api/licences/keys</c>: <c>{ keyId, algorithm, publicKey, status }</c>.</summary>
public sealed record PublishedSigningKey(string KeyId, string Algorithm, string PublicKey, string Status);
