[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PrimeTech.Billing.Tests;

[CollectionDefinition(Name)]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsFixture>
{
    public const string Name = "payments";
}

/// <summary>
/// The app on real services, also served on Kestrel so the fixture's Stripe stand-in can deliver
/// signed webhooks to it over real HTTP; tests drive payments through the stand-in's control API.
/// </summary>
public sealed class PaymentsFixture : AppFixture
{
    protected override bool ServeOnKestrel => true;

    public Payments Payments => new(this);
}
