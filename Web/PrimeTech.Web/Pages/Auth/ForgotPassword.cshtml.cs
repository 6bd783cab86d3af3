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
public sealed class ForgotPasswordModel(IMessageBus bus) : PageModel
{
    [BindProperty] public EmailInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await bus.InvokeAsync(new ForgotPassword(Input.Email), HttpContext.RequestAborted);
            TempData["Flash"] = ForgotPassword.Accepted;
            return new SeeOtherResult("/forgot-password");
        }
        catch (DomainException e)
        {
            ModelState.AddDomainErrors(e);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    public sealed class EmailInput
    {
        public string? Email { get; set; }
    }
}
