using PrimeTech.Storage.Flows;
using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Documents;
using PrimeTech.Storage.ObjectStorage;

namespace PrimeTech.Storage.Releases;

/// <summary>
/// Mints a fresh presigned GET URL for a release's file (lifetime <c>Downloads:LinkLifetime</c>,
/// saved as <c>{product}-{version}.{ext}</c>) and records who asked, when and from where, in the
/// same transaction. The caller has already decided the requester may have it.
/// </summary>
public sealed record MintReleaseDownloadLink(Guid ReleaseId, Guid RequestedBy, bool AsAdmin, string IpAddress, string UserAgent);

public static class MintReleaseDownloadLinkHandler
{
    public const int UserAgentMaxLength = 512;

    public static async Task<DownloadLink> Handle(MintReleaseDownloadLink command, IDocumentSession session, ObjectStore s3,
        IOptions<DownloadOptions> downloads, TimeProvider clock, CancellationToken ct) =>
        await MintAsync(await ReleaseLookup.LoadAsync(session, command.ReleaseId, ct), command.RequestedBy, command.AsAdmin,
            command.IpAddress, command.UserAgent, session, s3, downloads.Value, clock, ct);

    /// <summary>Mints the link and records the audit line in the session (committed by the caller's transaction).</summary>
    public static async Task<DownloadLink> MintAsync(Release release, Guid requestedBy, bool asAdmin, string ipAddress, string userAgent,
        IDocumentSession session, ObjectStore s3, DownloadOptions downloads, TimeProvider clock, CancellationToken ct)
    {
        var stored = await session.LoadAsync<StoredObject>(release.ObjectId, ct) ?? throw DomainException.NotFound("The release");
        var lifetime = downloads.LinkLifetime;
        var now = clock.GetUtcNow();
        var url = await s3.PresignGetAsync(stored.Bucket, stored.ObjectKey, release.DownloadFileName, release.ContentType, lifetime);
        session.Insert(new DownloadAudit
        {
            Id = Guid.NewGuid(),
            UserId = requestedBy,
            Kind = StoredObjectPurpose.Release,
            ReleaseId = release.Id,
            ObjectId = stored.Id,
            RequestedAt = now,
            ExpiresAt = now + lifetime,
            IpAddress = ipAddress,
            UserAgent = userAgent.Length > UserAgentMaxLength ? userAgent[..UserAgentMaxLength] : userAgent,
            AsAdmin = asAdmin,
        });
        return new DownloadLink(url, now + lifetime);
    }
}

public sealed class ReleaseDownloadEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/downloads", async (HttpContext http, IMessageBus bus) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return new ReleaseList<DownloadableRelease>(await AccountDownloadsFlow.RunAsync(bus, http.User.RequiredUserId(), http.RequestAborted));
            })
            .RequireAuthorization()
            .WithTags("Downloads")
            .WithSummary("Published releases of the products you are entitled to, by product then newest version");
        app.MapPost("/api/downloads/{releaseId:guid}/link", async (Guid releaseId, HttpContext http, IMessageBus bus) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return await ReleaseDownloadFlow.RunAsync(bus, releaseId, http, http.RequestAborted);
            })
            .RequireAuthorization()
            .RequireRateLimiting(DownloadRateLimit.Policy)
            .WithTags("Downloads")
            .WithSummary("A fresh download link for a release: { url, expiresAt }. Each call mints and audits a new one.");
    }
}
