using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Auth;

[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class RegisterModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty] public RegisterInput Input { get; set; } = new();

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? new SeeOtherResult(ReturnUrls.Default) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var command = new Register(Input.Email, Input.Name, Input.Password);
        PasswordConfirmation.Check(ModelState, "Input.ConfirmPassword", Input.Password, Input.ConfirmPassword);
        if (!ModelState.IsValid)
        {
            // Show every field's problem at once, without registering.
            foreach (var error in Register.Validator.Instance.Validate(command).Errors)
                ModelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
            ForgetPasswords();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await bus.InvokeAsync(command, HttpContext.RequestAborted);
        return new SeeOtherResult("/register/check-email");
    }

    /// <summary>Every refusal of this form answers 400 (an address already registered included).</summary>
    public int ErrorStatus(DomainException error) => StatusCodes.Status400BadRequest;

    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
    {
        ForgetPasswords();
        return Task.CompletedTask;
    }

    /// <summary>Passwords are never shown again.</summary>
    private void ForgetPasswords()
    {
        Input.Password = null;
        Input.ConfirmPassword = null;
    }

    public sealed class RegisterInput
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
