using Carter;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PrimeTech.Licensing.Licences;
using Wolverine;

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
    public static async Task<HeartbeatResult> Handle(HeartbeatLicence command, IDocumentSession session, TimeProvider clock,
        IOptions<LicensingOptions> options, CancellationToken ct)
    {
        var key = LicenceRules.NormaliseKey(command.LicenceKey);
        var licence = await LicenceRules.ByKeyAsync(session, key, ct) ?? throw LicensingErrors.NotFound(key);
        var now = clock.GetUtcNow();
        licence.Heartbeat(command.Fingerprint!, now);
        session.Update(licence);
        return new HeartbeatResult(licence.Key, now, Lease.For(licence, command.Fingerprint!, now, options.Value));
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
