using Microsoft.AspNetCore.Hosting;
using PrimeTech.Testing;
using Xunit;

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
/// The app reaches Stripe's API through <see cref="StripeRelay"/>, so a test can take Stripe away.
/// </summary>
public sealed class PaymentsFixture : AppFixture
{
    private TcpRelay? _stripeRelay;

    protected override bool ServeOnKestrel => true;

    public Payments Payments => new(this);

    /// <summary>In front of the stand-in's API (not its control API, which tests call directly).</summary>
    public TcpRelay StripeRelay => _stripeRelay ?? throw new InvalidOperationException("The fixture has not started.");

    public override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _stripeRelay ??= new TcpRelay(new Uri(Settings["Stripe:ApiBase"]).Port);
        base.ConfigureWebHost(builder);
        builder.UseSetting("Stripe:ApiBase", $"http://127.0.0.1:{_stripeRelay.Port}");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_stripeRelay is not null) await _stripeRelay.DisposeAsync();
    }
}
