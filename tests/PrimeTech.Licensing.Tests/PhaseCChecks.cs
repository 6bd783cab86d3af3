namespace PrimeTech.Licensing.Tests;

/// <summary>The plan's Phase C checks for licensing, as named there.</summary>
[Collection(LicensingCollection.Name)]
public sealed class PhaseCChecks(LicensingFixture app)
{
    private readonly Purchases _purchases = new(app);
    private readonly LicenceApiClient _api = new(app);

    /// <summary>Phase C: "licence validation: enforce MAX=1 activation".</summary>
    [Fact]
    public async Task PhaseC_licence_validation_enforces_MAX_1_activation()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var machineA = LicenceApiClient.NewFingerprint();
        var machineB = LicenceApiClient.NewFingerprint();

        Assert.Equal(HttpStatusCode.OK, (await _api.ActivateAsync(licence.Key, machineA, "Machine A")).Status);
        var second = await _api.ActivateAsync(licence.Key, machineB, "Machine B");
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("LICENCE_ACTIVATION_LIMIT_REACHED", second.Code);

        Assert.Equal("VALID", (await _api.ValidateAsync(licence.Key, machineA)).String("code"));
        var onB = await _api.ValidateAsync(licence.Key, machineB);
        Assert.False(onB.Bool("valid"));
        Assert.Equal("FINGERPRINT_MISMATCH", onB.String("code"));

        Assert.Equal(HttpStatusCode.OK, (await _api.DeactivateAsync(licence.Key, machineA)).Status);
        Assert.Equal("NOT_ACTIVATED", (await _api.ValidateAsync(licence.Key, machineA)).String("code"));
        Assert.Equal(HttpStatusCode.OK, (await _api.ActivateAsync(licence.Key, machineB, "Machine B")).Status);
        Assert.Equal("VALID", (await _api.ValidateAsync(licence.Key, machineB)).String("code"));
        Assert.Equal("FINGERPRINT_MISMATCH", (await _api.ValidateAsync(licence.Key, machineA)).String("code"));

        var stored = await _purchases.LicenceAsync(licence.Key);
        Assert.Equal(1, stored.MaxActivations);
        Assert.Equal(machineB, stored.Activation!.Fingerprint);
    }
}
