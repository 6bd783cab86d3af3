using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Auth;

[EnableRateLimiting(AuthRateLimits.Session)]
public sealed class LogoutModel(IMessageBus bus) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await bus.InvokeAsync(new Logout(SessionCookie.Read(Request)), HttpContext.RequestAborted);
        SessionCookie.Delete(Response);
        TempData["Flash"] = "You have signed out.";
        return new SeeOtherResult("/");
    }
}
