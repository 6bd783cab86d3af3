using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Users;
using PrimeTech.Identity.Web;
using Wolverine;

namespace PrimeTech.Web.Pages.Account;

[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class ProfileModel(IMessageBus bus) : PageModel
{
    [BindProperty] public NameInput Name { get; set; } = new();

    [BindProperty] public PasswordInput Password { get; set; } = new();

    public void OnGet() => Name.Name = User.DisplayName();

    public async Task<IActionResult> OnPostNameAsync()
    {
        try
        {
            await bus.InvokeAsync<Me>(new ChangeName(User.RequiredUserId(), Name.Name), HttpContext.RequestAborted);
            TempData["Flash"] = "Your name has been updated.";
            return new SeeOtherResult("/account/profile");
        }
        catch (DomainException e)
        {
            ModelState.AddDomainErrors(e, "Name");
            return Failed();
        }
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        Name.Name = User.DisplayName();
        var command = new ChangePassword(User.RequiredUserId(), User.RequiredSessionId(), Password.CurrentPassword, Password.NewPassword,
            RequestClient.IpAddress(HttpContext), RequestClient.UserAgent(HttpContext));
        PasswordConfirmation.Check(ModelState, "Password.ConfirmNewPassword", Password.NewPassword, Password.ConfirmNewPassword);
        try
        {
            if (!ModelState.IsValid)
            {
                foreach (var error in ChangePassword.Validator.Instance.Validate(command).Errors)
                    ModelState.AddModelError($"Password.{error.PropertyName}", error.ErrorMessage);
                return Failed();
            }
            var result = await bus.InvokeAsync<PasswordChanged>(command, HttpContext.RequestAborted);
            if (result.Failure is not null) throw result.Failure;
            SessionCookie.Append(Response, result.Session!);
            TempData["Flash"] = "Your password has been changed. You have been signed out on all other devices.";
            return new SeeOtherResult("/account/profile");
        }
        catch (DomainException e)
        {
            ModelState.AddDomainErrors(e, "Password");
            return Failed();
        }
    }

    private PageResult Failed()
    {
        Password = new PasswordInput();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
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
