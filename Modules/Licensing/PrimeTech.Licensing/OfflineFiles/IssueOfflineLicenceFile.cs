using System.Text.Json;
using FluentValidation;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Licensing.Signing;

namespace PrimeTech.Licensing.OfflineFiles;

/// <summary>
/// A signed licence file for a machine that never reaches the internet: the customer (their own
/// licence) or an admin (any licence) enters the machine's fingerprint. Issuing it is the
/// licence's one activation, on that fingerprint; the file names it, so it is valid on no other
/// machine. It is recorded on the activation and in the history; once the licence is revoked or the
/// machine released, online checks answer REVOKED / NOT_ACTIVATED for it.
/// </summary>
public sealed record IssueOfflineLicenceFile(Guid ByUserId, bool AsAdmin, string LicenceKey, string? Fingerprint, string? MachineName)
{
    public sealed class Validator : AbstractValidator<IssueOfflineLicenceFile>
    {
        public Validator()
        {
            this.FingerprintRules(x => x.Fingerprint?.Trim());
            RuleFor(x => LicenceRules.NormaliseMachineName(x.MachineName))
                .MaximumLength(LicenceRules.MachineNameMaxLength).WithMessage("Machine name must be 100 characters or fewer")
                .OverridePropertyName("machineName");
        }
    }
}

/// <summary>The file to download: <c>LIC-XXXX-XXXX-XXXX.lic</c>.</summary>
public sealed record OfflineLicenceFile(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.primetech.licence+json";
}

/// <summary>
/// The file's shape: <c>{ format, keyId, algorithm, payload, signature }</c>; <c>payload</c> is the
/// base64 of the UTF-8 JSON of <see cref="OfflineLicencePayload"/> and <c>signature</c> the Ed25519
/// signature of exactly those bytes.
/// </summary>
public sealed record SignedLicenceDocument(string Format, string KeyId, string Algorithm, string Payload, string Signature)
{
    public const string FormatName = "primetech-licence-file/1";
}

/// <summary>What the file says: this licence is activated on this machine (no expiry: the licences are perpetual).</summary>
public sealed record OfflineLicencePayload(
    Guid FileId, string LicenceKey, string Fingerprint, string? MachineName, string ProductSku, string ProductName, string Status,
    DateTimeOffset IssuedAt, DateTimeOffset ActivatedAt);

public static class IssueOfflineLicenceFileHandler
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public static async Task<OfflineLicenceFile> Handle(IssueOfflineLicenceFile command, IDocumentSession session, LicenceSigningKeys keys,
        TimeProvider clock, CancellationToken ct)
    {
        var key = LicenceRules.NormaliseRouteKey(command.LicenceKey);
        var licence = await LicenceRules.ByKeyAsync(session, key, ct);
        if (licence is null || (!command.AsAdmin && licence.UserId != command.ByUserId))
            throw DomainException.NotFound("The licence");

        var now = clock.GetUtcNow();
        var fingerprint = command.Fingerprint!.Trim();
        var fileId = licence.IssueOfflineFile(fingerprint, LicenceRules.NormaliseMachineName(command.MachineName), command.ByUserId,
            command.AsAdmin ? LicenceActor.Admin : LicenceActor.Customer, now);
        session.Update(licence);

        var activation = licence.Activation!;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new OfflineLicencePayload(fileId, licence.Key, fingerprint, activation.MachineName,
            licence.ProductSku, licence.ProductName, licence.Status.ToString(), now, activation.ActivatedAt), JsonSerializerOptions.Web);
        var document = new SignedLicenceDocument(SignedLicenceDocument.FormatName, keys.ActiveKeyId, LicenceSigningKeys.Algorithm,
            Convert.ToBase64String(payload), Convert.ToBase64String(keys.Sign(payload)));
        var content = JsonSerializer.SerializeToUtf8Bytes(document, Indented);
        return new OfflineLicenceFile($"{licence.Key}.lic", content);
    }
}

/// <summary><c>{ fingerprint, machineName }</c></summary>
public sealed record OfflineFileRequest(string? Fingerprint, string? MachineName);

public sealed class IssueOfflineLicenceFileEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/licences/{licenceKey}/offline-file", (string licenceKey, OfflineFileRequest body, HttpContext http, IMessageBus bus) =>
                IssueAsync(new IssueOfflineLicenceFile(http.User.RequiredUserId(), false, licenceKey, body.Fingerprint, body.MachineName), http, bus))
            .RequireAuthorization()
            .WithTags("Licences")
            .WithSummary("Download a signed offline licence file for a machine that never goes online (it is the licence's one activation)");
        app.MapPost("/api/admin/licences/{licenceKey}/offline-file", (string licenceKey, OfflineFileRequest body, HttpContext http, IMessageBus bus) =>
                IssueAsync(new IssueOfflineLicenceFile(http.User.RequiredUserId(), true, licenceKey, body.Fingerprint, body.MachineName), http, bus))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: licences")
            .WithSummary("Issue a signed offline licence file for any licence (it is the licence's one activation)");
    }

    private static async Task<IResult> IssueAsync(IssueOfflineLicenceFile command, HttpContext http, IMessageBus bus)
    {
        http.Response.Headers.CacheControl = "no-store";
        var file = await bus.InvokeAsync<OfflineLicenceFile>(command, http.RequestAborted);
        return Results.File(file.Content, OfflineLicenceFile.ContentType, file.FileName);
    }
}
