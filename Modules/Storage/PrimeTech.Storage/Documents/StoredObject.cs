namespace PrimeTech.Storage.Documents;

/// <summary>An object Storage put in S3. Bucket and key are never shown to customers.</summary>
public sealed class StoredObject
{
    public Guid Id { get; set; }
    public string Bucket { get; set; } = "";
    /// <summary>Opaque: <c>documents/{DocumentId:N}</c> for generated documents.</summary>
    public string ObjectKey { get; set; } = "";
    public long SizeBytes { get; set; }
    /// <summary>Lowercase hex SHA-256 of the bytes stored.</summary>
    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    /// <summary>The name the browser saves the download as.</summary>
    public string FileName { get; set; } = "";
    public StoredObjectPurpose Purpose { get; set; }
    public Guid? OwnerUserId { get; set; }
    public DateTimeOffset StoredAt { get; set; }
}

public enum StoredObjectPurpose
{
    InvoicePdf,
    ReceiptPdf,
    Release,
    CreditNotePdf,
}

/// <summary>One minted download URL: who asked, for what, and until when it works.</summary>
public sealed class DownloadAudit
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public StoredObjectPurpose Kind { get; set; }
    public Guid? ReleaseId { get; set; }
    public Guid ObjectId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string IpAddress { get; set; } = "";
    public string UserAgent { get; set; } = "";
    public bool AsAdmin { get; set; }
}
