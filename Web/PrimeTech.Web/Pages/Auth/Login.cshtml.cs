using System.Globalization;
using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.TwoFactor;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Auth;

[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class LoginModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty] public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? new SeeOtherResult(ReturnUrls.SafeOr(ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await bus.InvokeAsync<LoginResult>(new Login(
            Input.Email, Input.Password, Input.RememberMe,
            RequestClient.IpAddress(HttpContext), RequestClient.UserAgent(HttpContext), SessionCookie.Read(Request)),
            HttpContext.RequestAborted);
        if (result.Failure is not null)
        {
            if (result.RetryAfter is { } wait)
                Response.Headers.RetryAfter = ProblemResult.RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);
            return Failed(result.Failure);
        }
        if (result.SecondStep is { } pending)
        {
            PendingSignInCookie.Append(Response, pending.Token, pending.ExpiresAt);
            return new SeeOtherResult("/login/two-factor?returnUrl=" + Uri.EscapeDataString(ReturnUrls.SafeOr(ReturnUrl)));
        }
        SessionCookie.Append(Response, result.Session!);
        return new SeeOtherResult(ReturnUrls.SafeOr(ReturnUrl));
    }

    /// <summary>A password is never shown again.</summary>
    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
    {
        Input.Password = null;
        return Task.CompletedTask;
    }

    /// <summary>A refusal the handler returns (so that the failed attempt it recorded is kept) rather than throws.</summary>
    private PageResult Failed(DomainException error)
    {
        ModelState.AddDomainErrors(error);
        Input.Password = null;
        Response.StatusCode = error.Error.Status;
        return Page();
    }

    public sealed class LoginInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
    }
}
