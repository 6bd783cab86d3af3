using PrimeTech.Identity;
using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Auth;

/// <summary>
/// Opening the emailed link has no side effect (mail scanners prefetch links): the page offers a
/// button that POSTs the token. Without a usable token it offers a new link instead — also where
/// the site sends a signed-in but unverified user who tried to check out or book.
/// </summary>
[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class VerifyEmailModel(IMessageBus bus) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool LinkUsable { get; private set; }

    public async Task OnGetAsync()
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        LinkUsable = Token is not null
                     && await bus.InvokeAsync<bool>(new CheckEmailToken(Token, EmailTokenPurpose.VerifyEmail), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        try
        {
            await bus.InvokeAsync<EmailVerified>(new VerifyEmail(Token), HttpContext.RequestAborted);
        }
        catch (DomainException e) when (e.Error == IdentityErrors.TokenInvalidOrExpired)
        {
            Token = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (User.Identity?.IsAuthenticated == true)
        {
            TempData["Flash"] = "Your email address is verified.";
            return new SeeOtherResult(ReturnUrls.SafeOr(ReturnUrl));
        }
        TempData["Flash"] = "Your email address is verified. Sign in to continue.";
        return new SeeOtherResult("/login");
    }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public bool AlreadyVerified => SignedIn && User.EmailVerified();
}
