using PrimeTech.Licensing.Customer;
using PrimeTech.Licensing.Licences;
using PrimeTech.Licensing.OfflineFiles;

namespace PrimeTech.Web.Pages.Account;

public sealed class LicencesModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    public IReadOnlyList<LicenceView> Licences { get; private set; } = [];

    public static string ConfirmField(string licenceKey) => "Confirm-" + licenceKey;

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Releases the machine once the customer has ticked the confirmation.</summary>
    public async Task<IActionResult> OnPostReleaseAsync(string licenceKey, bool confirm)
    {
        if (!confirm)
        {
            ModelState.AddModelError(ConfirmField(licenceKey), "Confirm that you want to release this machine");
            return await RedisplayAsync(StatusCodes.Status400BadRequest);
        }
        var released = await bus.InvokeAsync<LicenceView>(new ReleaseMachine(User.RequiredUserId(), licenceKey),
            HttpContext.RequestAborted);
        TempData["Flash"] = $"The licence {released.LicenceKey} can now be activated on another computer.";
        return new SeeOtherResult("/account/licences");
    }

    public static string OfflineField(string licenceKey, string field) => $"Offline-{licenceKey}.{field}";

    /// <summary>Issues an offline licence file for the fingerprint entered (it becomes the licence's one activation) and downloads it.</summary>
    public async Task<IActionResult> OnPostOfflineFileAsync(string licenceKey, string? fingerprint, string? machineName)
    {
        var file = await bus.InvokeAsync<OfflineLicenceFile>(new IssueOfflineLicenceFile(User.RequiredUserId(), false, licenceKey, fingerprint, machineName), HttpContext.RequestAborted);
        return File(file.Content, OfflineLicenceFile.ContentType, file.FileName);
    }

    /// <summary>The offline-file form's fields sit beside the licence the form was posted for.</summary>
    public IReadOnlyDictionary<string, string> ErrorFields => new Dictionary<string, string>
    {
        ["fingerprint"] = OfflineField(PostedLicenceKey, "Fingerprint"),
        ["machineName"] = OfflineField(PostedLicenceKey, "MachineName"),
    };

    private string PostedLicenceKey => Request.HasFormContentType ? Request.Form["licenceKey"].ToString() : "";

    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) => LoadAsync();

    private async Task<PageResult> RedisplayAsync(int status)
    {
        await LoadAsync();
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync() =>
        Licences = (await bus.InvokeAsync<ItemList<LicenceView>>(new GetMyLicences(User.RequiredUserId()), HttpContext.RequestAborted)).Items;
}
