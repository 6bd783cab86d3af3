using PrimeTech.Licensing.Contracts;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Storage.Flows;

/// <summary>CODEX_HANDOFF §7.5: the published releases of the products the customer is entitled to.</summary>
public static class AccountDownloadsFlow
{
    public static async Task<IReadOnlyList<DownloadableRelease>> RunAsync(IMessageBus bus, Guid userId, CancellationToken ct)
    {
        var entitled = await bus.InvokeAsync<ActiveEntitlements>(new GetActiveEntitlements(userId), ct);
        return (await bus.InvokeAsync<ReleaseList<DownloadableRelease>>(new ListPublishedReleases(entitled.ProductIds), ct)).Items;
    }
}
