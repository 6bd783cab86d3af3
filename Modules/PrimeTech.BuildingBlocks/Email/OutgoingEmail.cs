namespace PrimeTech.BuildingBlocks.Email;

/// <summary>
/// An email to send. Handlers return it as a cascaded message so that it goes through Wolverine's
/// durable outbox in the same transaction as the change that caused it, and is retried if SMTP fails.
/// </summary>
public sealed record OutgoingEmail(
    string To,
    string Subject,
    string TextBody,
    string HtmlBody,
    IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>
/// A file the email carries: either its bytes (<see cref="Content"/>, for small generated files such
/// as an <c>.ics</c>), or where it is kept in object storage (<see cref="Stored"/>, for documents
/// such as a PDF invoice), read when the email is sent, outside any database transaction, so the
/// outbox holds a reference instead of the document.
/// </summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[]? Content = null, StoredObjectReference? Stored = null)
{
    /// <summary>An attachment whose bytes are read from object storage when the email is sent.</summary>
    public static EmailAttachment FromObjectStorage(string fileName, string contentType, string bucket, string objectKey) =>
        new(fileName, contentType, Stored: new StoredObjectReference(bucket, objectKey));
}

public sealed record StoredObjectReference(string Bucket, string ObjectKey);

/// <summary>Reads an object's bytes from object storage; the Storage module provides it.</summary>
public interface IStoredObjectReader
{
    Task<byte[]> ReadAsync(StoredObjectReference stored, CancellationToken ct);
}
