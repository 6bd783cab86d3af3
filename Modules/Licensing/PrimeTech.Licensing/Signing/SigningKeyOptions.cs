namespace PrimeTech.Licensing.Signing;

/// <summary>One Ed25519 signing key from configuration: an id, the 32-byte private key (base64) and its status.</summary>
public sealed class SigningKeyOptions
{
    public string? Id { get; set; }
    public string? PrivateKey { get; set; }
    public SigningKeyStatus Status { get; set; } = SigningKeyStatus.Active;
}

/// <summary><c>Active</c> signs every answer (exactly one); <c>Retired</c> no longer signs but stays published, so what it signed still verifies.</summary>
public enum SigningKeyStatus
{
    Active,
    Retired,
}
