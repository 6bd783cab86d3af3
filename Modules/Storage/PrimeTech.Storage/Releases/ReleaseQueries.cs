using PrimeTech.BuildingBlocks.Versions;

namespace PrimeTech.Storage.Releases;

/// <summary>Every release of a product, newest version first, for the admin page.</summary>
public sealed record ListAdminReleases(Guid ProductId);

public static class ListAdminReleasesHandler
{
    public static async Task<ReleaseList<AdminRelease>> Handle(ListAdminReleases query, IQuerySession session, CancellationToken ct)
    {
        var releases = await session.Query<Release>().Where(r => r.ProductId == query.ProductId).ToListAsync(ct);
        return new ReleaseList<AdminRelease>(releases
            .OrderByDescending(r => r.Version, SemanticVersion.Precedence)
            .Select(AdminRelease.From).ToList());
    }
}

/// <summary>The published releases of these products (a customer's entitlements), by product, newest version first.</summary>
public sealed record ListPublishedReleases(IReadOnlyList<Guid> ProductIds);

public static class ListPublishedReleasesHandler
{
    public static async Task<ReleaseList<DownloadableRelease>> Handle(ListPublishedReleases query, IQuerySession session, CancellationToken ct)
    {
        if (query.ProductIds.Count == 0) return new ReleaseList<DownloadableRelease>([]);
        var productIds = query.ProductIds.Distinct().ToArray();
        var releases = await session.Query<Release>()
            .Where(r => productIds.Contains(r.ProductId) && r.Status == ReleaseStatus.Published)
            .ToListAsync(ct);
        return new ReleaseList<DownloadableRelease>(releases
            .OrderBy(r => r.ProductName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.ProductId)
            .ThenByDescending(r => r.Version, SemanticVersion.Precedence)
            .Select(DownloadableRelease.From).ToList());
    }
}

/// <summary>What the download flow needs to decide who may have a release. Unknown → 404.</summary>
public sealed record GetReleaseForDownload(Guid ReleaseId);

public sealed record ReleaseForDownload(Guid ReleaseId, Guid ProductId, bool IsPublished, bool IsYanked);

public static class GetReleaseForDownloadHandler
{
    public static async Task<ReleaseForDownload> Handle(GetReleaseForDownload query, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Release>(query.ReleaseId, ct) is { } release
            ? new ReleaseForDownload(release.Id, release.ProductId, release.IsPublished, release.IsYanked)
            : throw DomainException.NotFound("The release");
}
