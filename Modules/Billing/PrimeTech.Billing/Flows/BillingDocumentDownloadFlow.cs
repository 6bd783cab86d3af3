using Microsoft.AspNetCore.Http;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.Flows;

/// <summary>
/// Billing's document download: Billing decides who may have the document, Storage mints a fresh
/// presigned URL and audits it. Used by the API and by the pages (which redirect to the URL).
/// </summary>
public static class BillingDocumentDownloadFlow
{
    public static Task<DownloadLink> RunAsync(IMessageBus bus, string number, HttpContext http) =>
        RunAsync(bus, number, new Requester(
            http.User.RequiredUserId(),
            http.User.IsAdmin(),
            http.Connection.RemoteIpAddress?.ToString() ?? "",
            http.Request.Headers.UserAgent.ToString()), http.RequestAborted);

    public static async Task<DownloadLink> RunAsync(IMessageBus bus, string number, Requester requester, CancellationToken ct)
    {
        var document = await bus.InvokeAsync<BillingDocument>(
            new GetBillingDocument(number, requester.UserId, requester.IsAdmin), ct);
        return await bus.InvokeAsync<DownloadLink>(new CreateDocumentDownloadLink(
            document.DocumentId, requester.UserId, requester.IsAdmin, document.Kind, requester.IpAddress, requester.UserAgent), ct);
    }

    /// <summary>Who asks for a download, for the access check and the audit.</summary>
    public sealed record Requester(Guid UserId, bool IsAdmin, string IpAddress, string UserAgent);
}
