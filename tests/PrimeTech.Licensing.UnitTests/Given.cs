namespace PrimeTech.Licensing.UnitTests;

internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    public const string Fingerprint = "fp-aaaaaaaaaaaaaaaa";
    public const string OtherFingerprint = "fp-bbbbbbbbbbbbbbbb";

    public static Licence Licence() =>
        Licences.Licence.Issue("LIC-7QK2-M4XD-9TRB", Guid.NewGuid(), " Ada@Example.COM ", Guid.NewGuid(), "PT-PRO", "PrimeTech Pro",
            Guid.NewGuid(), "ORD-0001", Now.AddDays(-30));

    public static Licence ActivatedLicence(DateTimeOffset? at = null)
    {
        var licence = Licence();
        licence.Activate(Fingerprint, "Desk", at ?? Now.AddDays(-1));
        return licence;
    }
}
