using PrimeTech.Testing;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PrimeTech.Ordering.Tests;

[CollectionDefinition(Name)]
public sealed class OrderingCollection : ICollectionFixture<OrderingFixture>
{
    public const string Name = "ordering";
}

/// <summary>The whole app on real PostgreSQL and S3, with helpers to make products, customers and orders.</summary>
public sealed class OrderingFixture : AppFixture
{
    public Shop Shop => new(this);
}
