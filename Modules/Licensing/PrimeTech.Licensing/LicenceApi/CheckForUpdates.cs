using PrimeTech.Licensing.Flows;
using FluentValidation;
using PrimeTech.BuildingBlocks.Versions;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Licensing.LicenceApi;

/// <summary>
/// The installed software asks for a newer version: whether the licence's product has a published,
/// not yanked release above <c>currentVersion</c> in the channel (Storage answers). The download
/// URL comes only when the licence is valid on this machine. A revoked licence gets nothing (403).
/// </summary>
public sealed record CheckForUpdates(string? LicenceKey, string? Fingerprint, string? CurrentVersion, string? Channel)
{
    public sealed class Validator : AbstractValidator<CheckForUpdates>
    {
        public Validator()
        {
            this.FingerprintRules(x => x.Fingerprint);
            RuleFor(x => x.CurrentVersion).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the installed version")
                .Must(SemanticVersion.IsValid).WithMessage("Version must look like 1.4.0 or 2.0.0-beta.1")
                .OverridePropertyName("currentVersion");
            RuleFor(x => x.Channel).Must(c => c is null || ReleaseChannels.All.Contains(c)).WithMessage("Channel must be stable or beta")
                .OverridePropertyName("channel");
        }
    }
}

/// <summary>What the update check needs of the licence: its product, its owner and whether it holds on this machine.</summary>
public sealed record UpdateEligibility(Guid ProductId, Guid OwnerId, bool ValidOnMachine);

/// <summary><c>{ update: { version, channel, releasedAt, notes, sizeBytes, sha256, url, expiresAt } | null }</c></summary>
public sealed record UpdateCheck(AvailableUpdate? Update);

/// <summary><c>url</c> and <c>expiresAt</c> are null when the licence is not valid on the asking machine.</summary>
public sealed record AvailableUpdate(
    string Version, string Channel, DateTimeOffset ReleasedAt, string Notes, long SizeBytes, string Sha256, string? Url, DateTimeOffset? ExpiresAt);

public static class CheckForUpdatesHandler
{
    public static async Task<UpdateEligibility> Handle(CheckForUpdates query, IQuerySession session, CancellationToken ct)
    {
        var licence = await LicenceRules.ByKeyOrNotFoundAsync(session, query.LicenceKey, ct);
        if (licence.IsRevoked)
            throw new PrimeTech.BuildingBlocks.Errors.DomainException(LicensingErrors.LicenceRevoked,
                $"Licence {licence.Key} has been revoked, so it gets no updates.");
        var valid = string.Equals(licence.Activation?.Fingerprint, query.Fingerprint, StringComparison.Ordinal);
        return new UpdateEligibility(licence.ProductId, licence.UserId, valid);
    }
}

public sealed class CheckForUpdatesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/licences/updates", async (string? licenceKey, string? fingerprint, string? currentVersion, string? channel,
                    LicenceRateLimits limits, HttpContext http, IMessageBus bus) =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return limits.Refuse(LicenceRules.NormaliseKey(licenceKey))
                           ?? Results.Ok(await CheckForUpdatesFlow.RunAsync(bus,
                               new CheckForUpdates(licenceKey, fingerprint, currentVersion, channel), http, http.RequestAborted));
                })
            .RequireRateLimiting(LicenceRateLimits.PerIp)
            .WithLicenceApiDocs<UpdateCheck>(
                "Check for a newer version",
                "The newest published release above currentVersion (SemVer) in the channel (stable, or beta which includes stable), or " +
                "{ update: null }. url is a short-lived download link, given only when the licence is activated on this fingerprint.",
                LicenceApiDocs.UpdatesExamples);
}
