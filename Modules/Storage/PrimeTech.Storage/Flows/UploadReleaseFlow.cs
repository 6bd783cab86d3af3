using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Ordering.Contracts;
using PrimeTech.Storage.ObjectStorage;
using PrimeTech.Storage.Releases;
using System.Text;

namespace PrimeTech.Storage.Flows;

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
            if (UniqueViolation.Is(e, "ux_release_product_version")) throw PrepareReleaseUpload.DuplicateVersion(prepared.Version);
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
