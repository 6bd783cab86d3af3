using System.Globalization;
using PrimeTech.Identity.TwoFactor;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Account;

/// <summary>
/// Enrolment (QR code, key, confirm), the recovery codes shown once, and for customers turning it
/// off. Admins who have not enrolled are sent here from every admin page.
/// </summary>
[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class TwoFactorModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty] public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public TwoFactorStatus Status { get; private set; } = null!;
    public TwoFactorSetup? Setup { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string QrCode => QrCodes.PngDataUri(Setup!.OtpauthUri);

    /// <summary>The key in groups of four, as authenticator apps show it; they ignore the spaces.</summary>
    public string GroupedSecret => string.Join(' ', Setup!.Secret.Chunk(4).Select(c => new string(c)));

    public string SafeReturnUrl => ReturnUrls.SafeOr(ReturnUrl, Status.Required ? "/admin" : "/account/security");

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var issued = await bus.InvokeAsync<RecoveryCodesIssued>(new ConfirmTwoFactor(User.RequiredUserId(), Input.Code, RequestClient.IpAddress(HttpContext)), HttpContext.RequestAborted);
        await LoadAsync();
        RecoveryCodes = issued.RecoveryCodes;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var result = await bus.InvokeAsync<TwoFactorDisabled>(new DisableTwoFactor(User.RequiredUserId(), Input.Code, RequestClient.IpAddress(HttpContext)), HttpContext.RequestAborted);
        if (result.Failure is not null) return await FailedAsync(result.Failure, result.RetryAfter);
        TempData["Flash"] = "Two-factor sign-in is off.";
        return new SeeOtherResult("/account/security");
    }

    private async Task LoadAsync()
    {
        Status = await bus.InvokeAsync<TwoFactorStatus>(new GetTwoFactorStatus(User.RequiredUserId()), HttpContext.RequestAborted);
        if (!Status.Enabled)
            Setup = await bus.InvokeAsync<TwoFactorSetup>(new StartTwoFactorSetup(User.RequiredUserId(), ReuseUnconfirmed: true), HttpContext.RequestAborted);
    }

    /// <summary>A code is never shown again.</summary>
    public async Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
    {
        await LoadAsync();
        Input.Code = null;
    }

    /// <summary>A refusal the handler returns (so that the failed attempt it recorded is kept) rather than throws.</summary>
    private async Task<PageResult> FailedAsync(DomainException error, TimeSpan? retryAfter)
    {
        ModelState.AddDomainErrors(error);
        if (retryAfter is { } wait)
            Response.Headers.RetryAfter = ProblemResult.RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);
        Response.StatusCode = error.Error.Status;
        await PrepareToShowErrorsAsync(error, HttpContext.RequestAborted);
        return Page();
    }

    public sealed class CodeInput
    {
        public string? Code { get; set; }
    }
}
