namespace PrimeTech.Storage.Releases;

/// <summary>DownloadableRelease: what a customer sees of a published release (never the bucket or key).</summary>
/// <c>yankedReason</c> is set when the release was withdrawn (still listed, no longer downloadable).
public sealed record DownloadableRelease(
    Guid ReleaseId, string ProductSku, string ProductName, string Version, string Notes, DateTimeOffset? PublishedAt,
    long SizeBytes, string Sha256, string FileName, string Channel, string? YankedReason)
{
    public static DownloadableRelease From(Release r) =>
        new(r.Id, r.ProductSku, r.ProductName, r.Version, r.Notes, r.PublishedAt, r.SizeBytes, r.Sha256, r.DownloadFileName,
            r.Channel, r.YankedReason);
}

/// <summary>AdminRelease: DownloadableRelease plus status and upload details.</summary>
public sealed record AdminRelease(
    Guid ReleaseId, string ProductSku, string ProductName, string Version, string Notes, DateTimeOffset? PublishedAt,
    long SizeBytes, string Sha256, string FileName, string Status, DateTimeOffset UploadedAt, Guid UploadedBy,
    string ContentType, string OriginalFileName, string Channel, DateTimeOffset? YankedAt, string? YankedReason)
{
    public static AdminRelease From(Release r) =>
        new(r.Id, r.ProductSku, r.ProductName, r.Version, r.Notes, r.PublishedAt, r.SizeBytes, r.Sha256, r.DownloadFileName,
            r.Status.ToString(), r.UploadedAt, r.UploadedBy, r.ContentType, r.OriginalFileName, r.Channel, r.YankedAt, r.YankedReason);
}

/// <summary><c>{ items: [...] }</c></summary>
public sealed record ReleaseList<T>(IReadOnlyList<T> Items);
