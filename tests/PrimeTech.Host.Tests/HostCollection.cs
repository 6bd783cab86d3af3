using PrimeTech.Testing;
using Xunit;

namespace PrimeTech.Host.Tests;

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}

/// <summary>The app plus a test-only API module that fails on purpose, to exercise the error contract.</summary>
public sealed class HostFixture : AppFixture;
