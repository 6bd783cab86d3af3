using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Auth;

[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class ForgotPasswordModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty] public EmailInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await bus.InvokeAsync(new ForgotPassword(Input.Email), HttpContext.RequestAborted);
        TempData["Flash"] = ForgotPassword.Accepted;
        return new SeeOtherResult("/forgot-password");
    }

    /// <summary>Every refusal of this form answers 400.</summary>
    public int ErrorStatus(DomainException error) => StatusCodes.Status400BadRequest;

    public sealed class EmailInput
    {
        public string? Email { get; set; }
    }
}
