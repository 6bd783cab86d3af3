using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Auth;

/// <summary>The "Send a new link" button of the verify page and the account banner (its own rate limit).</summary>
[EnableRateLimiting(AuthRateLimits.ResendVerification)]
public sealed class ResendVerificationModel(IMessageBus bus) : PageModel
{
    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => new SeeOtherResult("/verify-email");

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await bus.InvokeAsync(new ResendVerification(User.UserId(), Email), HttpContext.RequestAborted);
        }
        catch (DomainException e)
        {
            Problem = e.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? e.Detail;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        TempData["Flash"] = ResendVerification.Accepted;
        return new SeeOtherResult(User.Identity?.IsAuthenticated == true ? ReturnUrls.SafeOr(ReturnUrl) : "/verify-email");
    }
}
