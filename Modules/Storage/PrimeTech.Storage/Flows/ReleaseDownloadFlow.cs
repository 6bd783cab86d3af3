using Microsoft.AspNetCore.Http;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Licensing.Contracts;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Storage.Flows;

/// <summary>
/// CODEX_HANDOFF §7.3: a customer gets a link only to a published release of a product they hold an
/// active entitlement to (Licensing's answer); an admin to any release. Everyone else: 404.
/// </summary>
public static class ReleaseDownloadFlow
{
    public static async Task<DownloadLink> RunAsync(IMessageBus bus, Guid releaseId, HttpContext http, CancellationToken ct)
    {
        var userId = http.User.RequiredUserId();
        var asAdmin = http.User.IsAdmin();
        var release = await bus.InvokeAsync<ReleaseForDownload>(new GetReleaseForDownload(releaseId), ct);
        if (!asAdmin && (!release.IsPublished || release.IsYanked || !await bus.InvokeAsync<bool>(new HasActiveEntitlement(userId, release.ProductId), ct)))
            throw DomainException.NotFound("The release");
        return await bus.InvokeAsync<DownloadLink>(new MintReleaseDownloadLink(release.ReleaseId, userId, asAdmin,
            http.Connection.RemoteIpAddress?.ToString() ?? "", http.Request.Headers.UserAgent.ToString()), ct);
    }
}
