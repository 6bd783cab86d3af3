using Microsoft.AspNetCore.Hosting;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PrimeTech.Ordering.Tests;

[CollectionDefinition(Name)]
public sealed class OrderingCollection : ICollectionFixture<OrderingFixture>
{
    public const string Name = "ordering";
}

/// <summary>
/// The whole app on real PostgreSQL and S3, with helpers to make products, customers and orders.
/// <c>Orders:PendingExpiry</c> is read live, so <see cref="OrderExpiryTests"/> can shorten it.
/// </summary>
public sealed class OrderingFixture : AppFixture
{
    public Shop Shop => new(this);

    public override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddLiveOptions<OrderOptions>());
    }
}
