using System.Globalization;
using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PrimeTech.Host.Tests;

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}

/// <summary>
/// The app with dependencies of its own to take away (<see cref="OutageTests"/>): a PostgreSQL cluster
/// of its own (stopped and started for real) and relays in front of the shared S3 and SMTP sink (cut
/// and restored), so the services everyone else's tests use are never touched. The collection's
/// tests run one at a time, so an outage is never seen by another test.
/// </summary>
public sealed class HostFixture : AppFixture
{
    /// <summary>The reverse proxy of <see cref="ClientAddressTests"/>.</summary>
    public const string KnownProxy = "10.0.0.5";

    /// <summary>A proxy network of <see cref="ClientAddressTests"/>.</summary>
    public const string KnownNetwork = "172.16.0.0/12";

    public ThrowawayPostgres Postgres { get; private set; } = null!;
    public TcpRelay S3 { get; } = new(TestServices.S3Port);
    public TcpRelay Smtp { get; } = new(TestServices.SmtpPort);

    public HostFixture()
    {
        Settings["Network:KnownProxies:0"] = KnownProxy;
        Settings["Network:KnownNetworks:0"] = KnownNetwork;
        Settings["S3:Endpoint"] = $"127.0.0.1:{S3.Port}";
        Settings["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The fixture's database on its own cluster.</summary>
    public string ConnectionString => Settings["ConnectionStrings:Postgres"];

    public override async Task InitializeAsync()
    {
        Postgres = await ThrowawayPostgres.CreateAsync();
        Settings["ConnectionStrings:Postgres"] = Postgres.ConnectionString(DatabaseName);
        await base.InitializeAsync();
    }

    protected override string AdminConnectionString() => Postgres.AdminConnectionString();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DisposeAsync();
        await S3.DisposeAsync();
        await Smtp.DisposeAsync();
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
