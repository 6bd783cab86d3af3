using PrimeTech.Storage.Flows;
using PrimeTech.BuildingBlocks.Versions;
using Carter;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Contracts;
using PrimeTech.Storage.Documents;

namespace PrimeTech.Storage.Releases;

/// <summary>
/// Checks a release's version and notes before any file byte is read: the shape of each, and that
/// the product has no release with this version yet. Answers the trimmed values.
/// </summary>
public sealed record PrepareReleaseUpload(Guid ProductId, string? Version, string? Notes, string? Channel = null)
    : ICleanable<PrepareReleaseUpload>
{
    public const int NotesMaxLength = 10_000;

    /// <summary>The product has a release with this version already (found before the upload, or by the unique index after it).</summary>
    public static DomainException DuplicateVersion(string version) =>
        new(StorageErrors.DuplicateValue, $"Version {version} already exists for this product.",
            new Dictionary<string, string[]> { ["version"] = [$"Version {version} already exists for this product"] });

    public PrepareReleaseUpload Cleaned() => this with
    {
        Version = Version?.Trim(),
        Notes = PrepareReleaseUploadHandler.NormaliseNotes(Notes),
        Channel = string.IsNullOrWhiteSpace(Channel) ? null : Channel.Trim().ToLowerInvariant(),
    };

    public sealed class Validator : AbstractValidator<PrepareReleaseUpload>
    {
        public Validator()
        {
            RuleFor(x => x.Version).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter a version")
                .Must(SemanticVersion.IsValid).WithMessage("Version must look like 1.4.0 or 2.0.0-beta.1");
            RuleFor(x => x.Notes).MaximumLength(NotesMaxLength).WithMessage("Release notes must be 10,000 characters or fewer");
            RuleFor(x => x.Channel).Must(c => c is null || ReleaseChannels.All.Contains(c)).WithMessage("Channel must be stable or beta");
        }
    }
}

/// <summary>The checked values; without a channel, a pre-release version (<c>2.0.0-beta.1</c>) goes to beta, any other to stable.</summary>
public sealed record PreparedRelease(string Version, string Notes, string Channel);

public static class PrepareReleaseUploadHandler
{
    public static async Task<PreparedRelease> Handle(PrepareReleaseUpload command, IQuerySession session, CancellationToken ct)
    {
        var trimmed = command.Cleaned();
        if (await session.Query<Release>().AnyAsync(r => r.ProductId == command.ProductId && r.Version == trimmed.Version, ct))
            throw PrepareReleaseUpload.DuplicateVersion(trimmed.Version!);
        return new PreparedRelease(trimmed.Version!, trimmed.Notes ?? "",
            trimmed.Channel ?? (SemanticVersion.IsPreRelease(trimmed.Version!) ? ReleaseChannels.Beta : ReleaseChannels.Stable));
    }


    /// <summary>Plain text with its line breaks, in one style (<c>\n</c>), without surrounding blank space.</summary>
    public static string? NormaliseNotes(string? notes) => notes?.Replace("\r\n", "\n").Trim();
}

/// <summary>
/// Records an uploaded release as a <c>Draft</c> with its stored object, in one transaction, once
/// the file is complete in S3. The unique index on (product, version) settles a race between two
/// uploads of one version.
/// </summary>
public sealed record RecordRelease(
    ProductInfo Product, PreparedRelease Details, string Bucket, string ObjectKey, string OriginalFileName, string ContentType,
    long SizeBytes, string Sha256, Guid UploadedBy);

public static class RecordReleaseHandler
{
    public static AdminRelease Handle(RecordRelease command, IDocumentSession session, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var downloadName = Release.DownloadFileNameFor(command.Product.Slug, command.Details.Version, command.OriginalFileName);
        var stored = new StoredObject
        {
            Id = Guid.NewGuid(),
            Bucket = command.Bucket,
            ObjectKey = command.ObjectKey,
            SizeBytes = command.SizeBytes,
            Sha256 = command.Sha256,
            ContentType = command.ContentType,
            FileName = downloadName,
            Purpose = StoredObjectPurpose.Release,
            StoredAt = now,
        };
        var release = new Release
        {
            Id = Guid.NewGuid(),
            ProductId = command.Product.Id,
            ProductSku = command.Product.Sku,
            ProductSlug = command.Product.Slug,
            ProductName = command.Product.Name,
            Version = command.Details.Version,
            Notes = command.Details.Notes,
            Channel = command.Details.Channel,
            ObjectId = stored.Id,
            OriginalFileName = command.OriginalFileName,
            DownloadFileName = downloadName,
            SizeBytes = command.SizeBytes,
            Sha256 = command.Sha256,
            ContentType = command.ContentType,
            Status = ReleaseStatus.Draft,
            UploadedAt = now,
            UploadedBy = command.UploadedBy,
        };
        session.Insert(stored);
        session.Insert(release);
        return AdminRelease.From(release);
    }
}

public sealed class UploadReleaseEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/products/{productId:guid}/releases",
                async (Guid productId, HttpContext http, IMessageBus bus, ReleaseFiles files, IOptions<ReleaseOptions> options) =>
                {
                    if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                        limit.MaxRequestBodySize = options.Value.MaxUploadBytes + (1 << 20);
                    var release = await UploadReleaseFlow.RunAsync(http.Request, productId, http.User.RequiredUserId(), bus, files,
                        options.Value, http.RequestAborted);
                    return Results.Created($"/api/admin/products/{productId}/releases", release);
                })
            .RequireAuthorization(Policies.Admin)
            .DisableAntiforgery()
            // Out of the site's 1 MB body limit: the flow counts the file against Releases:MaxUploadBytes.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute())
            .Accepts<ReleaseUploadForm>("multipart/form-data")
            .Produces<AdminRelease>(StatusCodes.Status201Created)
            .WithTags("Admin: releases")
            .WithSummary("Upload a release (multipart/form-data: version, notes, channel, file — in that order). It starts as a draft.");
}

/// <summary>The parts of the upload, for the OpenAPI document.</summary>
public sealed record ReleaseUploadForm(string Version, string? Notes, string? Channel, IFormFile File);
