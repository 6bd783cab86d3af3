using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Licensing.Admin;
using PrimeTech.Licensing.Licences;
using PrimeTech.Licensing.OfflineFiles;
using Wolverine;

namespace PrimeTech.Web.Pages.Admin.Licences;

public sealed class DetailModel(IMessageBus bus) : PageModel
{
    [FromRoute] public string LicenceKey { get; set; } = "";

    [BindProperty] public ReasonInput Revoke { get; set; } = new();
    [BindProperty] public ReasonInput Reinstate { get; set; } = new();
    [BindProperty] public ResetInput Reset { get; set; } = new();
    [BindProperty] public OfflineFileInput OfflineFile { get; set; } = new();

    public AdminLicenceView Licence { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostRevokeAsync() =>
        ChangeAsync(nameof(Revoke), new RevokeLicence(User.RequiredUserId(), LicenceKey, Revoke.Reason), v => $"Licence {v.LicenceKey} revoked.");

    public Task<IActionResult> OnPostReinstateAsync() =>
        ChangeAsync(nameof(Reinstate), new ReinstateLicence(User.RequiredUserId(), LicenceKey, Reinstate.Reason),
            v => $"Licence {v.LicenceKey} reinstated.");

    public Task<IActionResult> OnPostResetAsync()
    {
        if (!Reset.Confirm)
            ModelState.AddModelError("Reset.Confirm", "Confirm that you want to reset the activation");
        return ChangeAsync(nameof(Reset), new ResetLicenceActivation(User.RequiredUserId(), LicenceKey, Reset.Reason), _ => "Activation reset.");
    }

    /// <summary>Issues the file (the licence's one activation) and downloads it; errors are shown beside the form.</summary>
    public async Task<IActionResult> OnPostOfflineFileAsync()
    {
        try
        {
            var file = await bus.InvokeAsync<OfflineLicenceFile>(new IssueOfflineLicenceFile(User.RequiredUserId(), true, LicenceKey, OfflineFile.Fingerprint, OfflineFile.MachineName),
                HttpContext.RequestAborted);
            return File(file.Content, OfflineLicenceFile.ContentType, file.FileName);
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddDomainErrors(e, prefix: nameof(OfflineFile));
            Response.StatusCode = e.Error.Status;
            return await LoadAsync() ? Page() : NotFound();
        }
    }

    private async Task<IActionResult> ChangeAsync(string form, object command, Func<AdminLicenceView, string> flash)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var changed = await bus.InvokeAsync<AdminLicenceView>(command, HttpContext.RequestAborted);
                TempData["Flash"] = flash(changed);
                return new SeeOtherResult($"/admin/licences/{changed.LicenceKey}");
            }
            catch (DomainException e) when (e.Error == ErrorCode.NotFound)
            {
                return NotFound();
            }
            catch (DomainException e)
            {
                ModelState.AddDomainErrors(e, prefix: form);
                Response.StatusCode = e.Error.Status;
            }
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        try
        {
            Licence = await bus.InvokeAsync<AdminLicenceView>(new GetAdminLicence(LicenceKey), HttpContext.RequestAborted);
            return true;
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return false;
        }
    }

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
