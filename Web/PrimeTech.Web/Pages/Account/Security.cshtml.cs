using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.TwoFactor;
using PrimeTech.Identity.Web;

namespace PrimeTech.Web.Pages.Account;

[EnableRateLimiting(AuthRateLimits.Session)]
public sealed class SecurityModel(IMessageBus bus) : PageModel
{
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public TwoFactorStatus TwoFactor { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Sessions = (await bus.InvokeAsync<SessionList>(new ListSessions(User.RequiredUserId(), User.RequiredSessionId()), HttpContext.RequestAborted)).Items;
        TwoFactor = await bus.InvokeAsync<TwoFactorStatus>(new GetTwoFactorStatus(User.RequiredUserId()), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        try
        {
            await bus.InvokeAsync<SessionRevoked>(new RevokeSession(User.RequiredUserId(), id), HttpContext.RequestAborted);
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            // Already gone (signed out elsewhere or expired): the list below shows the truth.
        }
        if (id == User.RequiredSessionId())
        {
            SessionCookie.Delete(Response);
            TempData["Flash"] = "You have signed out.";
            return new SeeOtherResult("/");
        }
        TempData["Flash"] = "That session has been signed out.";
        return new SeeOtherResult("/account/security");
    }

    public async Task<IActionResult> OnPostRevokeOthersAsync()
    {
        var result = await bus.InvokeAsync<OtherSessionsRevoked>(new RevokeOtherSessions(User.RequiredUserId(), User.RequiredSessionId()), HttpContext.RequestAborted);
        TempData["Flash"] = result.RevokedCount == 1
            ? "You have been signed out of 1 other session."
            : $"You have been signed out of {result.RevokedCount} other sessions.";
        return new SeeOtherResult("/account/security");
    }
}
