using FluentValidation;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Persistence;
using Wolverine.Marten;

namespace PrimeTech.Licensing.LicenceApi;

/// <summary>
/// The installed software activates its licence on this machine. The same machine again is
/// idempotent (only a changed machine name is written); another machine while one is active is
/// refused: MAX = 1 activation.
/// </summary>
public sealed record ActivateLicence(string? LicenceKey, string? Fingerprint, string? MachineName)
{
    public sealed class Validator : AbstractValidator<ActivateLicence>
    {
        public Validator()
        {
            this.FingerprintRules(x => x.Fingerprint);
            RuleFor(x => LicenceRules.NormaliseMachineName(x.MachineName))
                .MaximumLength(LicenceRules.MachineNameMaxLength).WithMessage("Machine name must be 100 characters or fewer")
                .OverridePropertyName("machineName");
        }
    }
}

/// <summary><c>{ licenceKey, status, productSku, productName, activatedAt, machineName, lease }</c></summary>
public sealed record ActivationResult(
    string LicenceKey, string Status, string ProductSku, string ProductName, DateTimeOffset ActivatedAt, string? MachineName, Lease Lease);

public static class ActivateLicenceHandler
{
    public static Task<Licence> LoadAsync(ActivateLicence command, IDocumentSession session, CancellationToken ct) =>
        LicenceRules.ByKeyOrNotFoundAsync(session, command.LicenceKey, ct);

    /// <summary>Pure: the answer, and the licence to store only when the activation changed it.</summary>
    public static (ActivationResult, IEnumerable<IMartenOp>) Handle(ActivateLicence command, Licence licence, TimeProvider clock,
        IOptions<LicensingOptions> options)
    {
        var now = clock.GetUtcNow();
        var changed = licence.Activate(command.Fingerprint!, LicenceRules.NormaliseMachineName(command.MachineName), now,
            options.Value.ReleaseSilentActivationsAfter);

        var activation = licence.Activation!;
        return (new ActivationResult(licence.Key, licence.Status.ToString(), licence.ProductSku, licence.ProductName,
                activation.ActivatedAt, activation.MachineName, Lease.For(licence, activation.Fingerprint, now, options.Value)),
            StorageEffects.UpdateIf(changed, licence));
    }
}

public sealed class ActivateLicenceEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/licences/activate", async (ActivateLicence body, LicenceRateLimits limits, IMessageBus bus, CancellationToken ct) =>
                limits.Refuse(LicenceRules.NormaliseKey(body.LicenceKey))
                ?? Results.Ok(await bus.InvokeAsync<ActivationResult>(body, ct)))
            .RequireRateLimiting(LicenceRateLimits.PerIp)
            .WithLicenceApiDocs<ActivationResult>(
                "Activate a licence on this machine",
                "No cookie: the licence key is the credential. One machine per licence; the same fingerprint again is idempotent.",
                LicenceApiDocs.ActivateExamples);
}
