namespace PrimeTech.Licensing.Licences;

/// <summary>
/// <c>{ licenceKey, fingerprint, productSku, status, issuedAt, expiresAt }</c>: the installed software
/// may run offline on this machine until <see cref="ExpiresAt"/> (<c>Licensing:LeaseDuration</c> after
/// the answer). It is part of a signed answer, so it cannot be extended by hand.
/// </summary>
public sealed record Lease(string LicenceKey, string Fingerprint, string ProductSku, string Status, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public static Lease For(Licence licence, string fingerprint, DateTimeOffset now, LicensingOptions options) =>
        new(licence.Key, fingerprint, licence.ProductSku, licence.Status.ToString(), now, now + options.LeaseDuration);
}
