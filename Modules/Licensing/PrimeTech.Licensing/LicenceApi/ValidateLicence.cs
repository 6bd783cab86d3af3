using PrimeTech.BuildingBlocks.Persistence;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace PrimeTech.Licensing.LicenceApi;

/// <summary>
/// The installed software asks whether its licence holds on this machine. Always 200 with a code:
/// <c>LICENCE_NOT_FOUND</c>, <c>REVOKED</c>, <c>NOT_ACTIVATED</c>, <c>FINGERPRINT_MISMATCH</c> or <c>VALID</c>
/// (checked in that order). Never activates.
/// </summary>
public sealed record ValidateLicence(string? LicenceKey, string? Fingerprint)
{
    public sealed class Validator : AbstractValidator<ValidateLicence>
    {
        public Validator() => this.FingerprintRules(x => x.Fingerprint);
    }
}

/// <summary><c>{ licenceKey, valid, code, productSku, productName, checkedAt, lease }</c>: a lease only when valid.</summary>
public sealed record ValidationResult(
    string LicenceKey, bool Valid, string Code, string? ProductSku, string? ProductName, DateTimeOffset CheckedAt, Lease? Lease);

public static class ValidationCodes
{
    public const string Valid = "VALID";
    public const string NotFound = "LICENCE_NOT_FOUND";
    public const string Revoked = "REVOKED";
    public const string NotActivated = "NOT_ACTIVATED";
    public const string FingerprintMismatch = "FINGERPRINT_MISMATCH";
}

/// <summary>
/// Reads in a session of its own: the only write, <c>LastValidatedAt</c> (at most hourly), is a
/// courtesy, so losing it to a concurrent change is ignored rather than failing the answer.
/// </summary>
public static class ValidateLicenceHandler
{
    public static async Task<ValidationResult> Handle(ValidateLicence command, ILicensingStore store, TimeProvider clock,
        IOptions<LicensingOptions> options, CancellationToken ct)
    {
        var key = LicenceRules.NormaliseKey(command.LicenceKey);
        var now = clock.GetUtcNow();

        await using var session = store.LightweightSession();
        var licence = await LicenceRules.ByKeyAsync(session, key, ct);
        if (licence is null) return new ValidationResult(key, false, ValidationCodes.NotFound, null, null, now, null);

        var code = licence switch
        {
            { IsRevoked: true } => ValidationCodes.Revoked,
            { Activation: null } => ValidationCodes.NotActivated,
            _ when !string.Equals(licence.Activation.Fingerprint, command.Fingerprint, StringComparison.Ordinal) => ValidationCodes.FingerprintMismatch,
            _ => ValidationCodes.Valid,
        };

        if (code == ValidationCodes.Valid && licence.RecordValidation(now))
        {
            session.Update(licence);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (WriteConflicts.Is(e))
            {
                // Someone changed the licence meanwhile; the answer above still stands.
            }
        }
        var valid = code == ValidationCodes.Valid;
        return new ValidationResult(licence.Key, valid, code, licence.ProductSku, licence.ProductName, now,
            valid ? Lease.For(licence, command.Fingerprint!, now, options.Value) : null);
    }
}

public sealed class ValidateLicenceEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/licences/validate", async (ValidateLicence body, LicenceRateLimits limits, Wolverine.IMessageBus bus, CancellationToken ct) =>
                limits.Refuse(LicenceRules.NormaliseKey(body.LicenceKey))
                ?? Results.Ok(await bus.InvokeAsync<ValidationResult>(body, ct)))
            .RequireRateLimiting(LicenceRateLimits.PerIp)
            .WithLicenceApiDocs<ValidationResult>(
                "Check a licence on this machine",
                "Always 200 for a well-formed key: valid is true only with code VALID. Never activates.",
                LicenceApiDocs.ValidateExamples);
}
