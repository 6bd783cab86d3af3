using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Licensing.LicenceApi;

/// <summary>
/// The licence API's entries in the OpenAPI document: request and response schemas, every status
/// it answers, and an example for each code (CODEX_HANDOFF §12), written for the people who build
/// the installed software.
/// </summary>
public static class LicenceApiDocs
{
    public sealed record Example(int Status, string Name, string Summary, JsonObject Value);

    private const string Key = LicenceKey.Example;
    private const string Fingerprint = "c3f1a9d2e8b47a10f00d";
    private const string Sku = "PT-BACKUP-PRO";
    private const string Product = "Prime Backup Pro";
    private const string At = "2026-02-03T09:00:00Z";

    private const string LeaseEnds = "2026-02-10T09:00:00Z";

    private static JsonObject LeaseExample() => new()
    {
        ["licenceKey"] = Key, ["fingerprint"] = Fingerprint, ["productSku"] = Sku, ["status"] = "Active",
        ["issuedAt"] = At, ["expiresAt"] = LeaseEnds,
    };

    public static readonly Example[] KeysExamples =
    [
        new(200, "keys", "The active key and one retired after a rotation", new JsonObject
        {
            ["keys"] = new JsonArray(
                new JsonObject { ["keyId"] = "2026-02", ["algorithm"] = "Ed25519", ["publicKey"] = "k6Zz1rJ2mWq0V3f0cXh3yYl4mC8c8nR9n1v1m1bq3Sg=", ["status"] = "Active" },
                new JsonObject { ["keyId"] = "2025-08", ["algorithm"] = "Ed25519", ["publicKey"] = "Zq8v3G0t9C3mY1m2oQxq0y0X2pJ1c8tV8b7fQ2J5cKs=", ["status"] = "Retired" }),
        }),
        RateLimited,
    ];

    public static readonly Example[] ActivateExamples =
    [
        new(200, "activated", "Activated on this machine (or this machine again)", new JsonObject
        {
            ["licenceKey"] = Key, ["status"] = "Active", ["productSku"] = Sku, ["productName"] = Product,
            ["activatedAt"] = At, ["machineName"] = "Reception PC", ["lease"] = LeaseExample(),
        }),
        InvalidKey, FingerprintInvalid,
        Problem(403, "LICENCE_REVOKED", "This licence has been revoked.", $"Licence {Key} has been revoked, so it cannot be activated."),
        Problem(404, "LICENCE_NOT_FOUND", "No licence has this key.", $"No licence has the key {Key}. Check it and try again."),
        Problem(409, "LICENCE_ACTIVATION_LIMIT_REACHED", "This licence is already activated on another machine.",
            $"Licence {Key} is already activated on another machine. Deactivate it there, or release the machine from your account, then try again."),
        RateLimited,
    ];

    public static readonly Example[] ValidateExamples =
    [
        Check("valid", "Activated on this machine", true, "VALID"),
        Check("notActivated", "Not activated on any machine", false, "NOT_ACTIVATED"),
        Check("fingerprintMismatch", "Activated on a different machine", false, "FINGERPRINT_MISMATCH"),
        Check("revoked", "Revoked (for example after a refund)", false, "REVOKED"),
        new(200, "notFound", "No licence has this key", new JsonObject
        {
            ["licenceKey"] = Key, ["valid"] = false, ["code"] = "LICENCE_NOT_FOUND", ["productSku"] = null, ["productName"] = null,
            ["checkedAt"] = At, ["lease"] = null,
        }),
        InvalidKey, FingerprintInvalid, RateLimited,
    ];

    public static readonly Example[] HeartbeatExamples =
    [
        new(200, "seen", "Seen now, with a fresh lease", new JsonObject
        {
            ["licenceKey"] = Key, ["lastSeenAt"] = At, ["lease"] = LeaseExample(),
        }),
        InvalidKey, FingerprintInvalid,
        Problem(403, "LICENCE_REVOKED", "This licence has been revoked.", $"Licence {Key} has been revoked, so it cannot be checked in."),
        Problem(404, "LICENCE_NOT_FOUND", "No licence has this key.", $"No licence has the key {Key}. Check it and try again."),
        Problem(409, "LICENCE_NOT_ACTIVATED", "This licence is not activated on any machine.",
            $"Licence {Key} is not activated on any machine. Activate it first."),
        RateLimited,
    ];

    public static readonly Example[] UpdatesExamples =
    [
        new(200, "update", "A newer version, with its download link (valid on this machine)", new JsonObject
        {
            ["update"] = new JsonObject
            {
                ["version"] = "1.5.0", ["channel"] = "stable", ["releasedAt"] = At, ["notes"] = "Faster backups.\nFixes restoring to a network drive.",
                ["sizeBytes"] = 48_213_004, ["sha256"] = "9f2c4e0d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d",
                ["url"] = "https://downloads.primetech.example/releases/3f9a...?X-Amz-Expires=300&X-Amz-Signature=...",
                ["expiresAt"] = "2026-02-03T09:05:00Z",
            },
        }),
        new(200, "none", "Up to date (no newer release in the channel)", new JsonObject { ["update"] = null }),
        InvalidKey, FingerprintInvalid,
        Problem(403, "LICENCE_REVOKED", "This licence has been revoked.", $"Licence {Key} has been revoked, so it gets no updates."),
        Problem(404, "LICENCE_NOT_FOUND", "No licence has this key.", $"No licence has the key {Key}. Check it and try again."),
        RateLimited,
    ];

    public static readonly Example[] DeactivateExamples =
    [
        new(200, "deactivated", "The seat is free (also when it already was)", new JsonObject { ["licenceKey"] = Key, ["activated"] = false }),
        InvalidKey, FingerprintInvalid,
        Problem(403, "LICENCE_REVOKED", "This licence has been revoked.", $"Licence {Key} has been revoked, so it cannot be deactivated."),
        Problem(404, "LICENCE_NOT_FOUND", "No licence has this key.", $"No licence has the key {Key}. Check it and try again."),
        Problem(409, "LICENCE_FINGERPRINT_MISMATCH", "This licence is activated on a different machine.",
            $"Licence {Key} is activated on a different machine, so this machine cannot deactivate it."),
        RateLimited,
    ];

    private static Example InvalidKey => Problem(400, "INVALID_LICENCE_KEY", "The licence key is not valid.",
        $"Enter a licence key like {Key}: LIC- and three groups of four letters or numbers.");

    private static Example FingerprintInvalid
    {
        get
        {
            var example = Problem(400, "VALIDATION_FAILED", "The request is not valid.", "One or more fields are not valid.");
            example.Value["errors"] = new JsonObject { ["fingerprint"] = new JsonArray("Enter the machine fingerprint") };
            return example;
        }
    }

    private static Example RateLimited => Problem(429, "RATE_LIMITED", "Too many requests. Try again later.",
        "Too many requests. Try again in 42 seconds.");

    private static Example Check(string name, string summary, bool valid, string code) => new(200, name, summary, new JsonObject
    {
        ["licenceKey"] = Key, ["valid"] = valid, ["code"] = code, ["productSku"] = Sku, ["productName"] = Product, ["checkedAt"] = At,
        ["lease"] = valid ? LeaseExample() : null,
    });

    private static Example Problem(int status, string code, string title, string detail) => new(status, code, title, new JsonObject
    {
        ["type"] = "/problems/" + code.ToLowerInvariant().Replace('_', '-'),
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
        ["code"] = code,
        ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    });

    public static RouteHandlerBuilder WithLicenceApiDocs<TResponse>(this RouteHandlerBuilder endpoint, string summary, string description, Example[] examples)
    {
        endpoint.WithTags("Licence API").WithSummary(summary).WithDescription(description);
        foreach (var status in examples.Select(e => e.Status).Distinct())
        {
            if (status == 200) endpoint.Produces<TResponse>(200, "application/json");
            else endpoint.Produces(status, typeof(void), "application/problem+json");
        }
        return endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var group in examples.GroupBy(e => e.Status))
            {
                var statusKey = group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (operation.Responses?.TryGetValue(statusKey, out var response) != true || response is not OpenApiResponse concrete) continue;
                concrete.Description = group.First().Summary;
                concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
                var mediaType = group.Key == 200 ? "application/json" : "application/problem+json";
                if (!concrete.Content.TryGetValue(mediaType, out var media))
                    concrete.Content[mediaType] = media = new OpenApiMediaType();
                media.Examples ??= new Dictionary<string, IOpenApiExample>();
                foreach (var example in group)
                    media.Examples[example.Name] = new OpenApiExample { Summary = example.Summary, Value = example.Value.DeepClone() };
            }
            return Task.CompletedTask;
        });
    }
}
