using PrimeTech.BuildingBlocks.Versions;
using PrimeTech.Storage.ObjectStorage;

namespace PrimeTech.Storage.Releases;

/// <summary>Answers Licensing's <see cref="FindReleaseUpdate"/>: published, not yanked, in the channel, above the current version.</summary>
public static class FindReleaseUpdateHandler
{
    public static async Task<FoundReleaseUpdate> Handle(FindReleaseUpdate query, IQuerySession session, CancellationToken ct)
    {
        var channels = query.Channel == ReleaseChannels.Beta ? ReleaseChannels.All.ToArray() : [ReleaseChannels.Stable];
        var candidates = await session.Query<Release>()
            .Where(r => r.ProductId == query.ProductId && r.Status == ReleaseStatus.Published && r.YankedAt == null && channels.Contains(r.Channel))
            .ToListAsync(ct);
        var newest = candidates
            .Where(r => SemanticVersion.Compare(r.Version, query.CurrentVersion) > 0)
            .OrderByDescending(r => r.Version, SemanticVersion.Precedence)
            .FirstOrDefault();
        return new FoundReleaseUpdate(newest is null
            ? null
            : new ReleaseUpdate(newest.Id, newest.Version, newest.Channel, newest.PublishedAt!.Value, newest.Notes, newest.SizeBytes, newest.Sha256));
    }
}

/// <summary>Answers <see cref="MintUpdateDownloadLink"/>: only a published, not yanked release is handed out as an update.</summary>
public static class MintUpdateDownloadLinkHandler
{
    public static async Task<DownloadLink> Handle(MintUpdateDownloadLink command, IDocumentSession session, ObjectStore s3,
        IOptions<DownloadOptions> downloads, TimeProvider clock, CancellationToken ct)
    {
        var release = await ReleaseLookup.LoadAsync(session, command.ReleaseId, ct);
        if (!release.IsPublished || release.IsYanked) throw DomainException.NotFound("The release");
        return await MintReleaseDownloadLinkHandler.MintAsync(release, command.LicenceOwnerId, asAdmin: false, command.IpAddress,
            command.UserAgent, session, s3, downloads.Value, clock, ct);
    }
}
