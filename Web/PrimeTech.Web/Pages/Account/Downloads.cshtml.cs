using PrimeTech.Storage.Flows;
using Microsoft.Extensions.Options;
using PrimeTech.Storage.Contracts;
using PrimeTech.Storage.ObjectStorage;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Web.Pages.Account;

/// <summary>
/// The customer's downloads. Each click on a download button mints a fresh short-lived link and
/// redirects to it, so an expired link is never a dead end. The page sits under the per-user
/// download limit (its views count too: the rate limiter applies to a page as a whole).
/// </summary>
[EnableRateLimiting(DownloadRateLimit.Policy)]
public sealed class DownloadsModel(IMessageBus bus, IOptions<DownloadOptions> downloads) : PageModel
{
    public IReadOnlyList<DownloadableRelease> Releases { get; private set; } = [];

    public string LinkLifetime => downloads.Value.LinkLifetime switch
    {
        { TotalMinutes: 1 } => "1 minute",
        { TotalMinutes: >= 1 } lifetime when lifetime.Seconds == 0 => $"{(int)lifetime.TotalMinutes} minutes",
        var lifetime => $"{(int)lifetime.TotalSeconds} seconds",
    };

    public async Task OnGetAsync() =>
        Releases = await AccountDownloadsFlow.RunAsync(bus, User.RequiredUserId(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(Guid releaseId)
    {
        var link = await ReleaseDownloadFlow.RunAsync(bus, releaseId, HttpContext, HttpContext.RequestAborted);
        return new SeeOtherResult(link.Url);
    }
}
