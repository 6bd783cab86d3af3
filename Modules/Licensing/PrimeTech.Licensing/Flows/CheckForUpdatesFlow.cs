using PrimeTech.Licensing.LicenceApi;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Licensing.Flows;

/// <summary>Licensing decides who may have the update; Storage finds it and mints the link (contracts queries, from the endpoint).</summary>
public static class CheckForUpdatesFlow
{
    public static async Task<UpdateCheck> RunAsync(IMessageBus bus, CheckForUpdates query, HttpContext http, CancellationToken ct)
    {
        var eligibility = await bus.InvokeAsync<UpdateEligibility>(query, ct);
        var found = await bus.InvokeAsync<FoundReleaseUpdate>(
            new FindReleaseUpdate(eligibility.ProductId, query.CurrentVersion!, query.Channel ?? ReleaseChannels.Stable), ct);
        if (found.Update is not { } update) return new UpdateCheck(null);

        DownloadLink? link = null;
        if (eligibility.ValidOnMachine)
            link = await bus.InvokeAsync<DownloadLink>(new MintUpdateDownloadLink(update.ReleaseId, eligibility.OwnerId,
                http.Connection.RemoteIpAddress?.ToString() ?? "", http.Request.Headers.UserAgent.ToString()), ct);
        return new UpdateCheck(new AvailableUpdate(update.Version, update.Channel, update.ReleasedAt, update.Notes, update.SizeBytes,
            update.Sha256, link?.Url, link?.ExpiresAt));
    }
}
