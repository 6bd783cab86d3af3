using FluentValidation;
using PrimeTech.BuildingBlocks.Persistence;
using Wolverine.Marten;

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
    public static Task<Licence> LoadAsync(DeactivateLicence command, IDocumentSession session, CancellationToken ct) =>
        LicenceRules.ByKeyOrNotFoundAsync(session, command.LicenceKey, ct);

    public static (DeactivationResult, IEnumerable<IMartenOp>) Handle(DeactivateLicence command, Licence licence, TimeProvider clock)
    {
        var changed = licence.Deactivate(command.Fingerprint!, clock.GetUtcNow());
        return (new DeactivationResult(licence.Key, Activated: false), StorageEffects.UpdateIf(changed, licence));
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
