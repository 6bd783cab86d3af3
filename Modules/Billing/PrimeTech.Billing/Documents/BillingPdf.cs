using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.Documents;

/// <summary>Where Storage keeps a billing PDF: filled from its answer, empty until then.</summary>
public interface IStoredPdf
{
    Guid DocumentId { get; }
    DateTimeOffset? StoredAt { get; set; }
    string? Bucket { get; set; }
    string? ObjectKey { get; set; }
    long? SizeBytes { get; set; }
    string? Sha256 { get; set; }
}

/// <summary>A receipt's or credit note's one PDF. <see cref="RenderedAt"/> and the location are set together, once it is stored.</summary>
public sealed class BillingPdf : IStoredPdf
{
    public Guid DocumentId { get; set; }
    public DateTimeOffset? RenderedAt { get; set; }
    public DateTimeOffset? StoredAt { get; set; }
    public string? Bucket { get; set; }
    public string? ObjectKey { get; set; }
    public long? SizeBytes { get; set; }
    public string? Sha256 { get; set; }
}

/// <summary>
/// How a rendered billing PDF reaches S3 (D-150): Storage's <see cref="IGeneratedDocumentStorage"/>
/// is called while no Billing transaction is open. It puts the object and records it in its own
/// transaction, and answers where it is. The PDF's bytes never travel through a message table, and a
/// retry is safe because Storage keys the object by the document id.
/// </summary>
internal static class StoredPdfs
{
    public static Task<GeneratedDocumentStored> StoreAsync(
        IGeneratedDocumentStorage storage, IStoredPdf pdf, string purpose, string fileName, byte[] content, Guid ownerId, CancellationToken ct) =>
        storage.StoreAsync(
            new StoreGeneratedDocument(pdf.DocumentId, purpose, fileName, BillingDocumentEmail.PdfContentType, content, ownerId), ct);

    public static void RecordStored(this IStoredPdf pdf, GeneratedDocumentStored stored)
    {
        pdf.StoredAt = stored.StoredAt;
        pdf.Bucket = stored.Bucket;
        pdf.ObjectKey = stored.ObjectKey;
        pdf.SizeBytes = stored.SizeBytes;
        pdf.Sha256 = stored.Sha256;
    }
}
