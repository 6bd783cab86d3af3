using NSec.Cryptography;

namespace PrimeTech.Licensing.Client;

/// <summary>
/// Verifies <c>Licence-Signature: keyid=&lt;id&gt;, sig=&lt;base64&gt;</c> over the exact body bytes,
/// and signed documents, against the public keys pinned in the software (never keys fetched at run time).
/// </summary>
public sealed class PinnedKeys
{
    private readonly Dictionary<string, PublicKey> _keys = new(StringComparer.Ordinal);

    /// <param name="keys">Key id → base64 of the 32-byte Ed25519 public key, as <c>GET /api/licences/keys</c> lists them.</param>
    public PinnedKeys(IReadOnlyDictionary<string, string> keys)
    {
        foreach (var (id, base64) in keys)
            _keys[id] = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(base64), KeyBlobFormat.RawPublicKey);
    }

    /// <summary>Checks a <c>Licence-Signature</c> header value against <paramref name="body"/>.</summary>
    public SignatureVerdict VerifyHeader(string? header, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(header)) return SignatureVerdict.Unsigned;
        string? keyId = null, signature = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0) continue;
            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (name == "keyid") keyId = value;
            else if (name == "sig") signature = value;
        }
        return keyId is null || signature is null ? SignatureVerdict.Unsigned : Verify(keyId, signature, body);
    }

    /// <summary>Checks a base64 Ed25519 <paramref name="signature"/> made by key <paramref name="keyId"/> over <paramref name="data"/>.</summary>
    public SignatureVerdict Verify(string keyId, string signature, ReadOnlySpan<byte> data)
    {
        if (!_keys.TryGetValue(keyId, out var key)) return SignatureVerdict.UnknownKey;
        var bytes = new byte[64];
        if (!Convert.TryFromBase64String(signature, bytes, out var length) || length != 64) return SignatureVerdict.Invalid;
        return SignatureAlgorithm.Ed25519.Verify(key, data, bytes) ? SignatureVerdict.Valid : SignatureVerdict.Invalid;
    }
}

public enum SignatureVerdict
{
    Valid,
    /// <summary>No <c>Licence-Signature</c> header (or one without keyid and sig).</summary>
    Unsigned,
    /// <summary>Signed by a key the software does not pin.</summary>
    UnknownKey,
    /// <summary>The bytes were changed, or the signature was not made by that key.</summary>
    Invalid,
}
