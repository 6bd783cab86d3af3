using PrimeTech.Licensing.Signing;

namespace PrimeTech.Host.Cli;

/// <summary><c>keys generate</c>: a new licence signing key, printed as the configuration lines that install it.</summary>
public static class SigningKeyCommand
{
    public static string Generate(DateTimeOffset now)
    {
        var id = $"{now:yyyy-MM-dd}-{Guid.NewGuid().ToString("N")[..6]}";
        return $"""
            # A new Ed25519 licence signing key. Keep the private key secret (a secret store, not the repository).
            # To rotate: give this key index N with Status=Active and set the current key's Status to Retired.
            Licensing__SigningKeys__0__Id={id}
            Licensing__SigningKeys__0__PrivateKey={LicenceSigningKeys.GeneratePrivateKey()}
            Licensing__SigningKeys__0__Status=Active
            """;
    }
}
