using System.Globalization;
using PrimeTech.Identity;
using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.TwoFactor;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Auth;

/// <summary>The second sign-in step: the pending sign-in cookie of the password step plus a code.</summary>
[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class LoginTwoFactorModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty] public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>No pending sign-in (expired, used, or never started): the page offers the password step again.</summary>
    public bool Expired { get; private set; }

    public string SafeReturnUrl => ReturnUrls.SafeOr(ReturnUrl);

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true) return new SeeOtherResult(SafeReturnUrl);
        Expired = PendingSignInCookie.Read(Request) is null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await bus.InvokeAsync<LoginResult>(new LoginTwoFactor(
            PendingSignInCookie.Read(Request), Input.Code,
            RequestClient.IpAddress(HttpContext), RequestClient.UserAgent(HttpContext), SessionCookie.Read(Request)),
            HttpContext.RequestAborted);
        if (result.Failure is not null)
        {
            if (result.RetryAfter is { } wait)
                Response.Headers.RetryAfter = ProblemResult.RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);
            if (result.Failure.Error == IdentityErrors.MfaSignInExpired)
            {
                PendingSignInCookie.Delete(Response);
                Expired = true;
            }
            return Failed(result.Failure);
        }
        PendingSignInCookie.Delete(Response);
        SessionCookie.Append(Response, result.Session!);
        return new SeeOtherResult(SafeReturnUrl);
    }

    /// <summary>A code is never shown again.</summary>
    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
    {
        Input.Code = null;
        return Task.CompletedTask;
    }

    /// <summary>A refusal the handler returns (so that the failed attempt it recorded is kept) rather than throws.</summary>
    private PageResult Failed(DomainException error)
    {
        ModelState.AddDomainErrors(error);
        Input.Code = null;
        Response.StatusCode = error.Error.Status;
        return Page();
    }

    public sealed class CodeInput
    {
        public string? Code { get; set; }
    }
}
