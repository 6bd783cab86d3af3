using PrimeTech.BuildingBlocks.Timeline;
using PrimeTech.Storage.Documents;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Storage.Timeline;

/// <summary>
/// The download links the customer asked for (releases and their own documents), newest first
/// (index <c>ix_download_audit_user_requested</c>), named from their releases and stored objects,
/// each loaded in one query for all. A document's link is the Billing page of that document, which
/// Storage does not know: those entries carry the document number and no link (see <see cref="TimelineEntry"/>).
/// </summary>
public static class GetCustomerTimelineHandler
{
    public static async Task<CustomerTimeline> Handle(GetCustomerTimeline query, IQuerySession session, CancellationToken ct)
    {
        var downloads = await session.Query<DownloadAudit>()
            .Where(d => d.UserId == query.CustomerId && !d.AsAdmin)
            .OrderByDescending(d => d.RequestedAt)
            .Take(query.Limit + 1)
            .ToListAsync(ct);
        var releaseIds = downloads.Where(d => d.ReleaseId is not null).Select(d => d.ReleaseId!.Value).Distinct().ToArray();
        var objectIds = downloads.Where(d => d.ReleaseId is null).Select(d => d.ObjectId).Distinct().ToArray();
        var releases = releaseIds.Length == 0 ? new Dictionary<Guid, Release>()
            : (await session.LoadManyAsync<Release>(ct, releaseIds)).ToDictionary(r => r.Id);
        var objects = objectIds.Length == 0 ? new Dictionary<Guid, StoredObject>()
            : (await session.LoadManyAsync<StoredObject>(ct, objectIds)).ToDictionary(o => o.Id);

        return CustomerTimeline.Newest(downloads.Select(d => Entry(d, releases, objects)), query.Limit);
    }

    private static TimelineEntry Entry(DownloadAudit download, Dictionary<Guid, Release> releases, Dictionary<Guid, StoredObject> objects)
    {
        if (download.ReleaseId is { } releaseId && releases.TryGetValue(releaseId, out var release))
            return new TimelineEntry(download.RequestedAt, TimelineKinds.Download, $"Downloaded {release.ProductName} {release.Version}",
                release.OriginalFileName, null, $"/admin/products/{release.ProductId}/releases");
        var fileName = objects.TryGetValue(download.ObjectId, out var stored) ? stored.FileName : "a document";
        var number = fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? fileName[..^4] : null;
        return new TimelineEntry(download.RequestedAt, TimelineKinds.Download, $"Downloaded {fileName}", null, number, null);
    }
}
