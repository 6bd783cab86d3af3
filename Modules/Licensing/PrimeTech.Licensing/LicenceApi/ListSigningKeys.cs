using PrimeTech.Licensing.Signing;

namespace PrimeTech.Licensing.LicenceApi;

/// <summary><c>{ keys: [{ keyId, algorithm, publicKey, status }] }</c>: every key that signs or signed the licence API's answers.</summary>
public sealed record SigningKeyList(IReadOnlyList<PublishedSigningKey> Keys);

public sealed class ListSigningKeysEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/licences/keys", (LicenceSigningKeys keys) => new SigningKeyList(keys.Published))
            .RequireRateLimiting(LicenceRateLimits.PerIp)
            .WithLicenceApiDocs<SigningKeyList>(
                "The public keys that sign the licence API's answers",
                "Pin these in the installed software. Every answer carries Licence-Signature: keyid=<id>, sig=<base64 Ed25519 signature " +
                "of the exact body bytes>. Only the Active key signs; Retired keys stay listed so what they signed still verifies.",
                LicenceApiDocs.KeysExamples);
}
