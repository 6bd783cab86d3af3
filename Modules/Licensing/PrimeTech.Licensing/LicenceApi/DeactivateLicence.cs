using Carter;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Licensing.Licences;
using Wolverine;

namespace PrimeTech.Licensing.LicenceApi;

/// <summary>The installed software frees its seat, so another machine can activate. Idempotent.</summary>
public sealed record DeactivateLicence(string? LicenceKey, string? Fingerprint)
{
    public sealed class Validator : AbstractValidator<DeactivateLicence>
    {
        public Validator() => this.FingerprintRules(x => x.Fingerprint);
    }
}

/// <summary><c>{ licenceKey, activated: false }</c></summary>
public sealed record DeactivationResult(string LicenceKey, bool Activated);

public static class DeactivateLicenceHandler
{
    public static async Task<DeactivationResult> Handle(DeactivateLicence command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var key = LicenceRules.NormaliseKey(command.LicenceKey);
        var licence = await LicenceRules.ByKeyAsync(session, key, ct) ?? throw LicensingErrors.NotFound(key);
        if (licence.Deactivate(command.Fingerprint!, clock.GetUtcNow()))
            session.Update(licence);
        return new DeactivationResult(licence.Key, Activated: false);
    }
}

public sealed class DeactivateLicenceEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/licences/deactivate", async (DeactivateLicence body, LicenceRateLimits limits, IMessageBus bus, CancellationToken ct) =>
                limits.Refuse(LicenceRules.NormaliseKey(body.LicenceKey))
                ?? Results.Ok(await bus.InvokeAsync<DeactivationResult>(body, ct)))
            .RequireRateLimiting(LicenceRateLimits.PerIp)
            .WithLicenceApiDocs<DeactivationResult>(
                "Deactivate a licence on this machine",
                "Frees the seat so another machine can activate. 200 also when the licence is not activated.",
                LicenceApiDocs.DeactivateExamples);
}
