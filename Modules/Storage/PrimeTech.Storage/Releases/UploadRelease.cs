using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Versions;
using System.Text;
using Carter;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Contracts;
using PrimeTech.Storage.Contracts;
using PrimeTech.Storage.Documents;
using PrimeTech.Storage.ObjectStorage;
using Wolverine;

namespace PrimeTech.Storage.Releases;

/// <summary>
/// Checks a release's version and notes before any file byte is read: the shape of each, and that
/// the product has no release with this version yet. Answers the trimmed values.
/// </summary>
public sealed record PrepareReleaseUpload(Guid ProductId, string? Version, string? Notes, string? Channel = null)
    : ICleanable<PrepareReleaseUpload>
{
    public const int NotesMaxLength = 10_000;

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
            throw DuplicateVersion(trimmed.Version!);
        return new PreparedRelease(trimmed.Version!, trimmed.Notes ?? "",
            trimmed.Channel ?? (SemanticVersion.IsPreRelease(trimmed.Version!) ? ReleaseChannels.Beta : ReleaseChannels.Stable));
    }

    public static DomainException DuplicateVersion(string version) =>
        new(StorageErrors.DuplicateValue, $"Version {version} already exists for this product.",
            new Dictionary<string, string[]> { ["version"] = [$"Version {version} already exists for this product"] });

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

/// <summary>
/// The upload (CODEX_HANDOFF §6.5): <c>multipart/form-data</c> read section by section, never
/// buffered: <c>version</c> and <c>notes</c> are checked first, then the <c>file</c> part streams
/// to S3 through a counting, hashing stream, and only a complete object is recorded.
/// </summary>
public static class UploadReleaseFlow
{
    private const int TextPartMaxChars = PrepareReleaseUpload.NotesMaxLength * 2;

    public static async Task<AdminRelease> RunAsync(
        HttpRequest request, Guid productId, Guid adminId, IMessageBus bus, ReleaseFiles files, ReleaseOptions options, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            throw new DomainException(ErrorCode.UnsupportedMediaType, "Send the release as multipart/form-data with the parts version, notes, channel and file.");

        var product = (await bus.InvokeAsync<ProductSummaries>(new GetProductSummaries([productId]), ct)).Items is [var found, ..]
            ? found
            : throw DomainException.NotFound("The product");

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        string? version = null, notes = null, channel = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (!disposition.IsFileDisposition())
            {
                var text = await ReadTextAsync(section.Body, ct);
                if (name == "version") version = text;
                else if (name == "notes") notes = text;
                else if (name == "channel") channel = text;
                continue;
            }
            if (name != "file") continue;

            var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
            var prepared = await bus.InvokeAsync<PreparedRelease>(new PrepareReleaseUpload(productId, version, notes, channel), ct);
            if (fileName.Length == 0) throw FileError("Choose a file");
            return await StoreAsync(product, prepared, section, OriginalName(fileName), adminId, bus, files, options, ct);
        }

        await bus.InvokeAsync<PreparedRelease>(new PrepareReleaseUpload(productId, version, notes, channel), ct);
        throw FileError("Choose a file");
    }

    private static async Task<AdminRelease> StoreAsync(ProductInfo product, PreparedRelease prepared, MultipartSection file,
        string originalName, Guid adminId, IMessageBus bus, ReleaseFiles files, ReleaseOptions options, CancellationToken ct)
    {
        var contentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) && type.MediaType.HasValue
            ? type.MediaType.Value!
            : "application/octet-stream";
        var objectKey = ReleaseFiles.NewObjectKey();
        StoredBytes stored;
        try
        {
            stored = await files.PutAsync(objectKey, file.Body, contentType, options.MaxUploadBytes, ct);
        }
        catch (ReleaseFileTooLargeException e)
        {
            throw new DomainException(ErrorCode.PayloadTooLarge, $"The file must be smaller than {FileSize.Format(e.MaxBytes)}.");
        }

        if (stored.SizeBytes == 0)
        {
            await files.RemoveAsync(objectKey, CancellationToken.None);
            throw FileError("The file is empty");
        }
        try
        {
            return await bus.InvokeAsync<AdminRelease>(new RecordRelease(product, prepared, files.Bucket, objectKey, originalName,
                contentType, stored.SizeBytes, stored.Sha256, adminId), ct);
        }
        catch (Exception e)
        {
            await files.RemoveAsync(objectKey, CancellationToken.None);
            if (UniqueViolation.Is(e, "ux_release_product_version")) throw PrepareReleaseUploadHandler.DuplicateVersion(prepared.Version);
            throw;
        }
    }

    /// <summary>The uploaded name, at most 255 characters (the end of a longer stem is cut, the extension kept).</summary>
    private static string OriginalName(string fileName)
    {
        if (fileName.Length <= 255) return fileName;
        var extension = Path.GetExtension(fileName);
        return extension.Length >= 255 ? fileName[..255] : Path.GetFileNameWithoutExtension(fileName)[..(255 - extension.Length)] + extension;
    }

    private static async Task<string> ReadTextAsync(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var buffer = new char[TextPartMaxChars + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), ct)) > 0) total += read;
        return new string(buffer, 0, total);
    }

    private static DomainException FileError(string message) => DomainException.Validation("file", message);
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
