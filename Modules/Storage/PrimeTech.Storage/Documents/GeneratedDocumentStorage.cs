using PrimeTech.Storage.ObjectStorage;

namespace PrimeTech.Storage.Documents;

/// <summary>
/// Puts a generated document in S3 and records it in Storage's own transaction. Idempotent: the
/// object key comes from the document id, so a second request overwrites nothing and is answered
/// with the first one's record; of two at once, the later insert is refused and its caller's retry
/// finds the record.
/// </summary>
internal sealed class GeneratedDocumentStorage(IStorageStore store, ObjectStore s3, TimeProvider clock) : IGeneratedDocumentStorage
{
    public async Task<GeneratedDocumentStored> StoreAsync(StoreGeneratedDocument command, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<StoredObject>(command.DocumentId, ct) is { } existing)
            return Answer(existing);

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
            Purpose = Enum.Parse<StoredObjectPurpose>(command.Purpose),
            OwnerUserId = command.OwnerUserId,
            StoredAt = clock.GetUtcNow(),
        };
        session.Insert(document);
        await session.SaveChangesAsync(ct);
        return Answer(document);
    }

    private static GeneratedDocumentStored Answer(StoredObject o) =>
        new(o.Id, o.Purpose.ToString(), o.Bucket, o.ObjectKey, o.SizeBytes, o.Sha256, o.StoredAt);
}
