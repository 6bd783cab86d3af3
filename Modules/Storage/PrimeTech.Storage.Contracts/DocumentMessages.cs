namespace PrimeTech.Storage.Contracts;

/// <summary>
/// Storage's service for documents other modules generate (invoice, receipt and credit note PDFs).
/// Called in process with no transaction of the caller's open, so the bytes never enter a message
/// table (D-150). Idempotent by <see cref="StoreGeneratedDocument.DocumentId"/>: the object key is
/// derived from it, and a document already stored is answered with its record.
/// </summary>
public interface IGeneratedDocumentStorage
{
    Task<GeneratedDocumentStored> StoreAsync(StoreGeneratedDocument document, CancellationToken ct);
}

/// <summary>A generated document to store: what <see cref="IGeneratedDocumentStorage"/> is given.</summary>
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
    public const string CreditNotePdf = "CreditNotePdf";
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

/// <summary>Release channels: <c>stable</c> is offered to everyone; <c>beta</c> to software that asks for it (with stable too).</summary>
public static class ReleaseChannels
{
    public const string Stable = "stable";
    public const string Beta = "beta";

    public static readonly IReadOnlyList<string> All = [Stable, Beta];
}

/// <summary>
/// Licensing asks for the newest published, not yanked release of a product above
/// <see cref="CurrentVersion"/> (SemVer precedence) in <see cref="Channel"/> (beta includes stable).
/// Answered with <see cref="FoundReleaseUpdate"/>.
/// </summary>
public sealed record FindReleaseUpdate(Guid ProductId, string CurrentVersion, string Channel);

public sealed record FoundReleaseUpdate(ReleaseUpdate? Update);

public sealed record ReleaseUpdate(
    Guid ReleaseId, string Version, string Channel, DateTimeOffset ReleasedAt, string Notes, long SizeBytes, string Sha256);

/// <summary>
/// A short-lived download link for an update, for the owner of a licence valid on the asking machine
/// (Licensing has decided that). Audited like any download; NOT_FOUND for a release that is not
/// published or has been yanked. Answered with <see cref="DownloadLink"/>.
/// </summary>
public sealed record MintUpdateDownloadLink(Guid ReleaseId, Guid LicenceOwnerId, string IpAddress, string UserAgent);
