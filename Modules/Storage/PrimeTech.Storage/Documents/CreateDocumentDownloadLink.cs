using PrimeTech.Storage.ObjectStorage;

namespace PrimeTech.Storage.Documents;

/// <summary>
/// Mints a fresh presigned GET URL for a stored document and audits it in the same transaction.
/// The caller (e.g. Billing's download flow) has already checked that the requester may have it.
/// </summary>
public static class CreateDocumentDownloadLinkHandler
{
    public static async Task<DownloadLink> Handle(
        CreateDocumentDownloadLink command,
        IDocumentSession session,
        ObjectStore s3,
        IOptions<DownloadOptions> downloads,
        TimeProvider clock,
        CancellationToken ct)
    {
        var stored = await session.LoadAsync<StoredObject>(command.DocumentId, ct)
                     ?? throw DomainException.NotFound("The document");

        var lifetime = downloads.Value.LinkLifetime;
        var now = clock.GetUtcNow();
        var url = await s3.PresignGetAsync(stored.Bucket, stored.ObjectKey, stored.FileName, stored.ContentType, lifetime);

        session.Insert(new DownloadAudit
        {
            Id = Guid.NewGuid(),
            UserId = command.RequestedBy,
            Kind = Enum.TryParse<StoredObjectPurpose>(command.Kind, out var kind) ? kind : stored.Purpose,
            ObjectId = stored.Id,
            RequestedAt = now,
            ExpiresAt = now + lifetime,
            IpAddress = command.IpAddress,
            UserAgent = command.UserAgent.Length > 512 ? command.UserAgent[..512] : command.UserAgent,
            AsAdmin = command.AsAdmin,
        });
        return new DownloadLink(url, now + lifetime);
    }
}
