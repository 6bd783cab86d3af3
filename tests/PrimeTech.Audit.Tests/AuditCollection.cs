[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PrimeTech.Audit.Tests;

[CollectionDefinition(Name)]
public sealed class AuditCollection : ICollectionFixture<AuditFixture>
{
    public const string Name = "audit";
}

/// <summary>
/// The app on real services, served on Kestrel too so Stripe's stand-in can confirm payments
/// (a refund needs a paid order), behind one trusted proxy so the recorded IP can be checked.
/// </summary>
public sealed class AuditFixture : AppFixture
{
    public const string KnownProxy = "10.0.0.5";

    protected override bool ServeOnKestrel => true;

    public AuditFixture() => Settings["Network:KnownProxies:0"] = KnownProxy;
}
