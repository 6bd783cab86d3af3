using PrimeTech.Licensing.Admin;
using PrimeTech.Licensing.Licences;
using PrimeTech.Licensing.OfflineFiles;

namespace PrimeTech.Web.Pages.Admin.Licences;

/// <summary>One licence and its forms (revoke, reinstate, reset, offline file), each form's errors under its own prefix.</summary>
public sealed class DetailModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [FromRoute] public string LicenceKey { get; set; } = "";

    [BindProperty] public ReasonInput Revoke { get; set; } = new();
    [BindProperty] public ReasonInput Reinstate { get; set; } = new();
    [BindProperty] public ResetInput Reset { get; set; } = new();
    [BindProperty] public OfflineFileInput OfflineFile { get; set; } = new();

    public AdminLicenceView Licence { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    [ErrorPrefix(nameof(Revoke))]
    public Task<IActionResult> OnPostRevokeAsync() =>
        ChangeAsync(new RevokeLicence(User.RequiredUserId(), LicenceKey, Revoke.Reason), v => $"Licence {v.LicenceKey} revoked.");

    [ErrorPrefix(nameof(Reinstate))]
    public Task<IActionResult> OnPostReinstateAsync() =>
        ChangeAsync(new ReinstateLicence(User.RequiredUserId(), LicenceKey, Reinstate.Reason), v => $"Licence {v.LicenceKey} reinstated.");

    [ErrorPrefix(nameof(Reset))]
    public Task<IActionResult> OnPostResetAsync()
    {
        if (!Reset.Confirm)
            ModelState.AddModelError("Reset.Confirm", "Confirm that you want to reset the activation");
        return ChangeAsync(new ResetLicenceActivation(User.RequiredUserId(), LicenceKey, Reset.Reason), _ => "Activation reset.");
    }

    /// <summary>Issues the file (the licence's one activation) and downloads it; errors are shown beside the form.</summary>
    [ErrorPrefix(nameof(OfflineFile))]
    public async Task<IActionResult> OnPostOfflineFileAsync()
    {
        var file = await bus.InvokeAsync<OfflineLicenceFile>(new IssueOfflineLicenceFile(User.RequiredUserId(), true, LicenceKey, OfflineFile.Fingerprint, OfflineFile.MachineName),
            HttpContext.RequestAborted);
        return File(file.Content, OfflineLicenceFile.ContentType, file.FileName);
    }

    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) => LoadAsync();

    private async Task<IActionResult> ChangeAsync(object command, Func<AdminLicenceView, string> flash)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        var changed = await bus.InvokeAsync<AdminLicenceView>(command, HttpContext.RequestAborted);
        TempData["Flash"] = flash(changed);
        return new SeeOtherResult($"/admin/licences/{changed.LicenceKey}");
    }

    private async Task LoadAsync() =>
        Licence = await bus.InvokeAsync<AdminLicenceView>(new GetAdminLicence(LicenceKey), HttpContext.RequestAborted);

    public sealed class ReasonInput
    {
        public string? Reason { get; set; }
    }

    public sealed class OfflineFileInput
    {
        public string? Fingerprint { get; set; }
        public string? MachineName { get; set; }
    }

    public sealed class ResetInput
    {
        public string? Reason { get; set; }
        public bool Confirm { get; set; }
    }
}
