using PrimeTech.Storage.Flows;
using Microsoft.Extensions.Options;
using PrimeTech.Ordering.Contracts;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Web.Pages.Admin.Products;

public sealed class ReleasesModel(IMessageBus bus, IOptions<ReleaseOptions> options) : PageModel, IShowsDomainErrors
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>Set by the upload script after a 201, to show the "uploaded as a draft" message once.</summary>
    [BindProperty(SupportsGet = true)] public string? Uploaded { get; set; }

    public ProductInfo Product { get; private set; } = null!;
    public IReadOnlyList<AdminRelease> Releases { get; private set; } = [];
    public string? UploadedMessage { get; private set; }
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public static string DeleteField(Guid releaseId) => $"Delete-{releaseId:N}";

    public static string YankField(Guid releaseId) => $"Yank-{releaseId:N}";

    /// <summary>A refused change is told in the summary (a yank's reason too: the release's own field shows only "Enter a reason").</summary>
    public IReadOnlyDictionary<string, string> ErrorFields { get; } = new Dictionary<string, string> { ["reason"] = "" };

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Releases.FirstOrDefault(r => r.Version == Uploaded) is { } uploaded)
            UploadedMessage = $"Version {uploaded.Version} uploaded as a draft. Publish it to make it available.";
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(Guid releaseId) =>
        ChangeAsync(new PublishRelease(releaseId), r => $"Version {r.Version} published.");

    public Task<IActionResult> OnPostUnpublishAsync(Guid releaseId) =>
        ChangeAsync(new UnpublishRelease(releaseId), r => $"Version {r.Version} unpublished.");

    public async Task<IActionResult> OnPostDeleteAsync(Guid releaseId, bool confirm)
    {
        if (confirm) return await ChangeAsync(new DeleteRelease(releaseId), r => $"Version {r.Version} deleted.");
        ModelState.AddModelError(DeleteField(releaseId), "Confirm that you want to delete this draft");
        return await RedisplayAsync(StatusCodes.Status400BadRequest);
    }

    public async Task<IActionResult> OnPostYankAsync(Guid releaseId, string? reason)
    {
        if (!string.IsNullOrWhiteSpace(reason))
            return await ChangeAsync(new YankRelease(releaseId, reason), r => $"Version {r.Version} yanked: it is no longer offered as an update.");
        ModelState.AddModelError(YankField(releaseId), "Enter a reason");
        return await RedisplayAsync(StatusCodes.Status400BadRequest);
    }

    public async Task<IActionResult> OnPostDownloadAsync(Guid releaseId)
    {
        var link = await ReleaseDownloadFlow.RunAsync(bus, releaseId, HttpContext, HttpContext.RequestAborted);
        return new SeeOtherResult(link.Url);
    }

    private async Task<IActionResult> ChangeAsync(object command, Func<AdminRelease, string> flash)
    {
        var release = await bus.InvokeAsync<AdminRelease>(command, HttpContext.RequestAborted);
        TempData["Flash"] = flash(release);
        return new SeeOtherResult($"/admin/products/{Id}/releases");
    }

    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) => LoadAsync();

    private async Task<IActionResult> RedisplayAsync(int status)
    {
        await LoadAsync();
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync() => (Product, Releases) = await AdminReleasesFlow.RunAsync(bus, Id, HttpContext.RequestAborted);
}
