using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Users;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Account;

[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class ProfileModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty] public NameInput Name { get; set; } = new();

    [BindProperty] public PasswordInput Password { get; set; } = new();

    public void OnGet() => Name.Name = User.DisplayName();

    [ErrorPrefix(nameof(Name))]
    public async Task<IActionResult> OnPostNameAsync()
    {
        await bus.InvokeAsync<Me>(new ChangeName(User.RequiredUserId(), Name.Name), HttpContext.RequestAborted);
        TempData["Flash"] = "Your name has been updated.";
        return new SeeOtherResult("/account/profile");
    }

    [ErrorPrefix(nameof(Password))]
    public async Task<IActionResult> OnPostPasswordAsync()
    {
        Name.Name = User.DisplayName();
        var command = new ChangePassword(User.RequiredUserId(), User.RequiredSessionId(), Password.CurrentPassword, Password.NewPassword,
            RequestClient.IpAddress(HttpContext), RequestClient.UserAgent(HttpContext));
        PasswordConfirmation.Check(ModelState, "Password.ConfirmNewPassword", Password.NewPassword, Password.ConfirmNewPassword);
        if (!ModelState.IsValid)
        {
            foreach (var error in ChangePassword.Validator.Instance.Validate(command).Errors)
                ModelState.AddModelError($"Password.{error.PropertyName}", error.ErrorMessage);
            Password = new PasswordInput();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await bus.InvokeAsync<PasswordChanged>(command, HttpContext.RequestAborted);
        if (result.Failure is not null) throw result.Failure;
        SessionCookie.Append(Response, result.Session!);
        TempData["Flash"] = "Your password has been changed. You have been signed out on all other devices.";
        return new SeeOtherResult("/account/profile");
    }

    /// <summary>Every refusal of this page answers 400 (a wrong current password included), as it always has.</summary>
    public int ErrorStatus(DomainException error) => StatusCodes.Status400BadRequest;

    /// <summary>Passwords are never shown again.</summary>
    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
    {
        Password = new PasswordInput();
        return Task.CompletedTask;
    }

    public sealed class NameInput
    {
        public string? Name { get; set; }
    }

    public sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmNewPassword { get; set; }
    }
}
