using PrimeTech.Identity;
using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Auth;

/// <summary>Opening the emailed link only checks the token; the form's POST uses it.</summary>
[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class ResetPasswordModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    [BindProperty] public ResetInput Input { get; set; } = new();

    public bool LinkUsable { get; private set; }

    public async Task OnGetAsync()
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        LinkUsable = await bus.InvokeAsync<bool>(new CheckEmailToken(Token, EmailTokenPurpose.ResetPassword), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        LinkUsable = true;
        PasswordConfirmation.Check(ModelState, "Input.ConfirmNewPassword", Input.NewPassword, Input.ConfirmNewPassword);
        var command = new ResetPassword(Token, Input.NewPassword, RequestClient.IpAddress(HttpContext));
        try
        {
            if (!ModelState.IsValid)
            {
                foreach (var error in ResetPassword.Validator.Instance.Validate(command).Errors)
                    ModelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
                Input = new ResetInput();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            await bus.InvokeAsync<PasswordWasReset>(command, HttpContext.RequestAborted);
            TempData["Flash"] = "Your password has been reset. Sign in with your new password.";
            return new SeeOtherResult("/login");
        }
        catch (DomainException e) when (e.Error == IdentityErrors.TokenInvalidOrExpired)
        {
            LinkUsable = false;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>Every refusal of this form answers 400.</summary>
    public int ErrorStatus(DomainException error) => StatusCodes.Status400BadRequest;

    /// <summary>Passwords are never shown again.</summary>
    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
    {
        Input = new ResetInput();
        return Task.CompletedTask;
    }

    public sealed class ResetInput
    {
        public string? NewPassword { get; set; }
        public string? ConfirmNewPassword { get; set; }
    }
}
