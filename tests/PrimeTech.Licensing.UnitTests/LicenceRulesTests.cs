using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Licensing.UnitTests;

/// <summary>Key and machine-name normalisation, and the lease an answer carries.</summary>
public sealed class LicenceRulesTests
{
    [Theory]
    [InlineData("LIC-7QK2-M4XD-9TRB", "LIC-7QK2-M4XD-9TRB")]
    [InlineData("  lic-7qk2-m4xd-9trb  ", "LIC-7QK2-M4XD-9TRB")]
    [InlineData("Lic-0000-ZZZZ-1234", "LIC-0000-ZZZZ-1234")]
    public void A_key_is_trimmed_and_upper_cased(string input, string expected) =>
        Assert.Equal(expected, LicenceRules.NormaliseKey(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("LIC-7QK2-M4XD")]
    [InlineData("LIC-7QK2-M4XD-9TRB-AAAA")]
    [InlineData("LIC7QK2M4XD9TRB")]
    [InlineData("LIC-7QK2-M4XD-9TRI")] // I is not a Crockford character
    [InlineData("LIC-7QK2-M4XD-9TRU")] // nor is U
    [InlineData("KEY-7QK2-M4XD-9TRB")]
    [InlineData("LIC-7QK2 M4XD-9TRB")]
    public void A_key_of_the_wrong_shape_is_invalid_key(string? input)
    {
        var error = Assert.Throws<DomainException>(() => LicenceRules.NormaliseKey(input));
        Assert.Equal(LicensingErrors.InvalidLicenceKey, error.Error);
    }

    [Theory]
    [InlineData("LIC-7QK2-M4XD")]
    [InlineData("nonsense")]
    public void A_route_key_of_the_wrong_shape_is_not_found(string input)
    {
        var error = Assert.Throws<DomainException>(() => LicenceRules.NormaliseRouteKey(input));
        Assert.Equal(ErrorCode.NotFound, error.Error);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("  Ada's laptop ", "Ada's laptop")]
    public void A_machine_name_is_trimmed_and_blank_is_none(string? input, string? expected) =>
        Assert.Equal(expected, LicenceRules.NormaliseMachineName(input));

    [Fact]
    public void A_lease_runs_for_the_configured_duration_from_now()
    {
        var licence = Given.Licence();
        var now = Given.Now;
        var lease = Lease.For(licence, Given.Fingerprint, now, new LicensingOptions { LeaseDuration = TimeSpan.FromDays(3) });
        Assert.Equal(now, lease.IssuedAt);
        Assert.Equal(now.AddDays(3), lease.ExpiresAt);
        Assert.Equal(licence.Key, lease.LicenceKey);
        Assert.Equal("PT-PRO", lease.ProductSku);
        Assert.Equal(Given.Fingerprint, lease.Fingerprint);
        Assert.Equal("Active", lease.Status);
    }

    [Fact]
    public void The_default_lease_is_seven_days()
    {
        var lease = Lease.For(Given.Licence(), Given.Fingerprint, Given.Now, new LicensingOptions());
        Assert.Equal(TimeSpan.FromDays(7), lease.ExpiresAt - lease.IssuedAt);
    }

    [Fact]
    public void A_revoked_licence_lease_says_revoked()
    {
        var licence = Given.Licence();
        licence.RevokeForRefund(Given.Now);
        Assert.Equal("Revoked", Lease.For(licence, Given.Fingerprint, Given.Now, new LicensingOptions()).Status);
    }
}
