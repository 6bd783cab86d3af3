using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Web;
using Wolverine;

namespace PrimeTech.Web.Pages.Auth;

[EnableRateLimiting(AuthRateLimits.Auth)]
public sealed class RegisterModel(IMessageBus bus) : PageModel
{
    [BindProperty] public RegisterInput Input { get; set; } = new();

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? new SeeOtherResult(ReturnUrls.Default) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var command = new Register(Input.Email, Input.Name, Input.Password);
        PasswordConfirmation.Check(ModelState, "Input.ConfirmPassword", Input.Password, Input.ConfirmPassword);
        try
        {
            if (!ModelState.IsValid)
            {
                // Show every field's problem at once, without registering.
                foreach (var error in Register.Validator.Instance.Validate(command).Errors)
                    ModelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
                return Failed();
            }
            await bus.InvokeAsync(command, HttpContext.RequestAborted);
            return new SeeOtherResult("/register/check-email");
        }
        catch (DomainException e)
        {
            ModelState.AddDomainErrors(e);
            return Failed();
        }
    }

    private PageResult Failed()
    {
        Input.Password = null;
        Input.ConfirmPassword = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed class RegisterInput
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
