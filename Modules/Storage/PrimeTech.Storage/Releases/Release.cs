namespace PrimeTech.Storage.Releases;

/// <summary>
/// A downloadable version of a product: its file is a <c>StoredObject</c> in S3 under an opaque
/// key that customers never see. Customers see only <see cref="ReleaseStatus.Published"/> releases.
/// Stored with optimistic concurrency.
/// </summary>
public sealed class Release
{
    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    /// <summary>Snapshot at upload, from Ordering's GetProductSummaries.</summary>
    public string ProductSku { get; set; } = "";
    public string ProductSlug { get; set; } = "";
    public string ProductName { get; set; } = "";
    /// <summary>SemVer 2.0, unique per product.</summary>
    public string Version { get; set; } = "";
    /// <summary>Plain text; line breaks kept.</summary>
    public string Notes { get; set; } = "";
    public Guid ObjectId { get; set; }
    public string OriginalFileName { get; set; } = "";
    /// <summary><c>{ProductSlug}-{Version}{ext}</c>: the name the browser saves.</summary>
    public string DownloadFileName { get; set; } = "";
    public long SizeBytes { get; set; }
    /// <summary>Lowercase hex SHA-256, computed while the upload streamed to S3.</summary>
    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    public ReleaseStatus Status { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public Guid UploadedBy { get; set; }
    /// <summary>The latest publish.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary><see cref="ReleaseChannels.Stable"/> or <see cref="ReleaseChannels.Beta"/> (releases stored before channels existed are stable).</summary>
    public string Channel { get; set; } = ReleaseChannels.Stable;
    /// <summary>Set when an admin yanked the release: never offered or downloadable as an update again, still listed with its reason.</summary>
    public DateTimeOffset? YankedAt { get; set; }
    public string? YankedReason { get; set; }

    public bool IsPublished => Status == ReleaseStatus.Published;
    public bool IsYanked => YankedAt is not null;

    public void Yank(string reason, DateTimeOffset now)
    {
        if (IsYanked) throw Transition("yanked", "is already yanked");
        if (Status == ReleaseStatus.Draft) throw Transition("yanked", "is a draft; delete it instead");
        YankedAt = now;
        YankedReason = reason;
    }

    public void Publish(DateTimeOffset now)
    {
        if (Status == ReleaseStatus.Published)
            throw Transition("published", "is already published");
        Status = ReleaseStatus.Published;
        PublishedAt = now;
    }

    public void Unpublish()
    {
        if (Status != ReleaseStatus.Published)
            throw Transition("unpublished", Status == ReleaseStatus.Draft ? "is a draft" : "is already unpublished");
        Status = ReleaseStatus.Unpublished;
    }

    public void EnsureDeletable()
    {
        if (Status != ReleaseStatus.Draft)
            throw Transition("deleted", "has been published; unpublish it instead");
    }

    private DomainException Transition(string verb, string because) =>
        new(StorageErrors.InvalidStatusTransition, $"Version {Version} cannot be {verb}: it {because}.");

    /// <summary><c>backup-pro-1.4.0.zip</c>: the product slug, the version and the uploaded file's extension (<c>.bin</c> if none).</summary>
    public static string DownloadFileNameFor(string productSlug, string version, string originalFileName)
    {
        var extension = Path.GetExtension(originalFileName).ToLowerInvariant();
        if (extension.Length <= 1 || extension.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.')) extension = ".bin";
        return $"{productSlug}-{version}{extension}";
    }
}

public enum ReleaseStatus
{
    Draft,
    Published,
    Unpublished,
}
