[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PrimeTech.HostileClientTests;

[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostileFixture>
{
    public const string Name = "hostile";
}

/// <summary>
/// The app on real services, served on Kestrel too so the stand-in can confirm the victim's payment
/// by a signed webhook; <see cref="World"/> is built once, through the public API only.
/// </summary>
public sealed class HostileFixture : AppFixture
{
    protected override bool ServeOnKestrel => true;

    public World World { get; private set; } = null!;

    public HostileFixture()
    {
        // Every request of the sweeps comes from one address and one user: lift the remaining limits.
        Settings["RateLimits:Downloads:PermitLimit"] = "100000";
        Settings["RateLimits:LicenceIp:PermitLimit"] = "100000";
        Settings["RateLimits:LicenceKey:PermitLimit"] = "100000";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        World = await World.BuildAsync(this);
    }
}
