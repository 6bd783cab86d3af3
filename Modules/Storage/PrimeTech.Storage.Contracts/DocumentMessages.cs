namespace PrimeTech.Storage.Contracts;

/// <summary>
/// Store a document another module generated (an invoice or receipt PDF). Asynchronous and
/// idempotent by <see cref="DocumentId"/>: the object key is derived from it, so a redelivery
/// stores the same object once. Storage answers by publishing <see cref="GeneratedDocumentStored"/>.
/// </summary>
public sealed record StoreGeneratedDocument(
    Guid DocumentId,
    string Purpose,
    string FileName,
    string ContentType,
    byte[] Content,
    Guid? OwnerUserId);

public sealed record GeneratedDocumentStored(
    Guid DocumentId,
    string Purpose,
    string Bucket,
    string ObjectKey,
    long SizeBytes,
    string Sha256,
    DateTimeOffset StoredAt);

/// <summary>Values of <see cref="StoreGeneratedDocument.Purpose"/> and of download kinds.</summary>
public static class DocumentPurposes
{
    public const string InvoicePdf = "InvoicePdf";
    public const string ReceiptPdf = "ReceiptPdf";
    public const string Release = "Release";
}

/// <summary>
/// Mint a short-lived presigned GET URL for a stored document and audit the request.
/// Request/response: answered with <see cref="DownloadLink"/>; NOT_FOUND if no such document is stored.
/// The caller has already decided that the requester may download it.
/// </summary>
public sealed record CreateDocumentDownloadLink(
    Guid DocumentId,
    Guid RequestedBy,
    bool AsAdmin,
    string Kind,
    string IpAddress,
    string UserAgent);

public sealed record DownloadLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// The rate-limit policy (registered by Storage) that every endpoint or page minting download
/// links names: 30 links per minute per user.
/// </summary>
public static class DownloadRateLimit
{
    public const string Policy = "Downloads";
}
