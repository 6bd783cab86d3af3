using PrimeTech.Storage.Flows;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.Ordering.Contracts;
using PrimeTech.Storage.Releases;
using Wolverine;

namespace PrimeTech.Web.Pages.Admin.Products;

public sealed class ReleasesModel(IMessageBus bus, IOptions<ReleaseOptions> options) : PageModel
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

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
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
        try
        {
            var link = await ReleaseDownloadFlow.RunAsync(bus, releaseId, HttpContext, HttpContext.RequestAborted);
            return new SeeOtherResult(link.Url);
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return NotFound();
        }
    }

    private async Task<IActionResult> ChangeAsync(object command, Func<AdminRelease, string> flash)
    {
        try
        {
            var release = await bus.InvokeAsync<AdminRelease>(command, HttpContext.RequestAborted);
            TempData["Flash"] = flash(release);
            return new SeeOtherResult($"/admin/products/{Id}/releases");
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", e.Detail);
            return await RedisplayAsync(e.Error.Status);
        }
    }

    private async Task<IActionResult> RedisplayAsync(int status)
    {
        if (!await LoadAsync()) return NotFound();
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        try
        {
            (Product, Releases) = await AdminReleasesFlow.RunAsync(bus, Id, HttpContext.RequestAborted);
            return true;
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return false;
        }
    }
}
