using FluentValidation;
using Microsoft.Extensions.Options;
using Wolverine.Marten;

namespace PrimeTech.Licensing.LicenceApi;

/// <summary>
/// The activated machine checks in: its last-seen time (shown to the customer and admins) becomes
/// now and it gets a fresh lease. Unlike validate, every heartbeat writes.
/// </summary>
public sealed record HeartbeatLicence(string? LicenceKey, string? Fingerprint)
{
    public sealed class Validator : AbstractValidator<HeartbeatLicence>
    {
        public Validator() => this.FingerprintRules(x => x.Fingerprint);
    }
}

/// <summary><c>{ licenceKey, lastSeenAt, lease }</c></summary>
public sealed record HeartbeatResult(string LicenceKey, DateTimeOffset LastSeenAt, Lease Lease);

public static class HeartbeatLicenceHandler
{
    public static Task<Licence> LoadAsync(HeartbeatLicence command, IDocumentSession session, CancellationToken ct) =>
        LicenceRules.ByKeyOrNotFoundAsync(session, command.LicenceKey, ct);

    public static (HeartbeatResult, IMartenOp) Handle(HeartbeatLicence command, Licence licence, TimeProvider clock,
        IOptions<LicensingOptions> options)
    {
        var now = clock.GetUtcNow();
        licence.Heartbeat(command.Fingerprint!, now);
        return (new HeartbeatResult(licence.Key, now, Lease.For(licence, command.Fingerprint!, now, options.Value)),
            MartenOps.Update(licence));
    }
}

public sealed class HeartbeatLicenceEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/licences/heartbeat", async (HeartbeatLicence body, LicenceRateLimits limits, IMessageBus bus, CancellationToken ct) =>
                limits.Refuse(LicenceRules.NormaliseKey(body.LicenceKey))
                ?? Results.Ok(await bus.InvokeAsync<HeartbeatResult>(body, ct)))
            .RequireRateLimiting(LicenceRateLimits.PerIp)
            .WithLicenceApiDocs<HeartbeatResult>(
                "Check in from the activated machine",
                "Records that this machine was seen now and returns a fresh lease. Call it about once a day while the software runs.",
                LicenceApiDocs.HeartbeatExamples);
}
