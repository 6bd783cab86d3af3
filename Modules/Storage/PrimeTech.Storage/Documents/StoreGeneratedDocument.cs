using PrimeTech.Storage.ObjectStorage;

namespace PrimeTech.Storage.Documents;

/// <summary>
/// Puts a generated document in S3 and records it. Idempotent: the object key comes from the
/// document id, so a redelivered message overwrites the same object with the same bytes, and a
/// document already recorded is only announced again.
/// </summary>
public static class StoreGeneratedDocumentHandler
{
    public static async Task<GeneratedDocumentStored> Handle(
        StoreGeneratedDocument command, IDocumentSession session, ObjectStore s3, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<StoredObject>(command.DocumentId, ct) is { } existing)
            return Announce(existing);

        var purpose = Enum.Parse<StoredObjectPurpose>(command.Purpose);
        var objectKey = $"documents/{command.DocumentId:N}";
        var stored = await s3.PutAsync(objectKey, command.Content, command.ContentType, ct);

        var document = new StoredObject
        {
            Id = command.DocumentId,
            Bucket = s3.Bucket,
            ObjectKey = objectKey,
            SizeBytes = stored.SizeBytes,
            Sha256 = stored.Sha256,
            ContentType = command.ContentType,
            FileName = command.FileName,
            Purpose = purpose,
            OwnerUserId = command.OwnerUserId,
            StoredAt = clock.GetUtcNow(),
        };
        session.Insert(document);
        return Announce(document);
    }

    private static GeneratedDocumentStored Announce(StoredObject o) =>
        new(o.Id, o.Purpose.ToString(), o.Bucket, o.ObjectKey, o.SizeBytes, o.Sha256, o.StoredAt);
}
