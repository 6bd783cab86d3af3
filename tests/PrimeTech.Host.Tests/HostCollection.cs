using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Testing;
using Xunit;

namespace PrimeTech.Host.Tests;

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}

public sealed class HostFixture : AppFixture
{
    /// <summary>The reverse proxy of <see cref="ClientAddressTests"/>.</summary>
    public const string KnownProxy = "10.0.0.5";

    /// <summary>A proxy network of <see cref="ClientAddressTests"/>.</summary>
    public const string KnownNetwork = "172.16.0.0/12";

    public HostFixture()
    {
        Settings["Network:KnownProxies:0"] = KnownProxy;
        Settings["Network:KnownNetworks:0"] = KnownNetwork;
    }
}

public sealed record ProbeRequest(string Name, int Quantity);

/// <summary>
/// Test-only API endpoints that exercise the error contract (Carter finds this module in the test
/// assembly by itself): a JSON body to get wrong, and an endpoint and a page that fail on purpose.
/// </summary>
public sealed class ProbeEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/test-probe/echo", (ProbeRequest request) => Results.Ok(request));
        app.MapGet("/api/test-probe/boom", IResult () => throw new InvalidOperationException("secret internal detail"));
        app.MapGet("/test-probe/page-boom", IResult () => throw new InvalidOperationException("secret internal detail"));
    }
}
