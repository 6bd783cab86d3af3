using Microsoft.AspNetCore.Authorization;
using PrimeTech.Identity.Admin;
using PrimeTech.Identity.Users;

namespace PrimeTech.Web.Pages.Admin.Users;

/// <summary>One account: details, the Admin role, lock and unlock, the history of admin changes, and the customer's timeline.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DetailModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    private static readonly Dictionary<string, string> Fields = new() { ["roles"] = nameof(Admin), ["reason"] = nameof(LockReason) };

    public AdminUserView Account { get; private set; } = null!;
    public CustomerTimelineView Timeline { get; private set; } = null!;

    /// <summary>The signed-in admin is looking at their own account: the Admin role and the lock cannot be changed.</summary>
    public bool IsSelf => Account.Id == User.UserId();

    [BindProperty] public bool Admin { get; set; }
    [BindProperty] public string? LockReason { get; set; }

    public IReadOnlyDictionary<string, string> ErrorFields => Fields;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        await LoadAsync(id);
        Admin = Account.IsAdmin;
        return Page();
    }

    public Task<IActionResult> OnPostRolesAsync(string id) =>
        ChangeAsync(id, userId => new ChangeUserRoles(userId, Admin ? [Roles.Customer, Roles.Admin] : [Roles.Customer], AdminActor.From(User)),
            _ => "Roles updated.");

    public Task<IActionResult> OnPostLockAsync(string id) =>
        ChangeAsync(id, userId => new LockUser(userId, LockReason, AdminActor.From(User)),
            changed => $"{changed.Email} is locked and signed out everywhere.");

    public Task<IActionResult> OnPostUnlockAsync(string id) =>
        ChangeAsync(id, userId => new UnlockUser(userId, AdminActor.From(User)),
            changed => $"{changed.Email} is unlocked.");

    private async Task<IActionResult> ChangeAsync(string id, Func<Guid, object> command, Func<AdminUserView, string> flash)
    {
        ModelState.Clear();
        var changed = await bus.InvokeAsync<AdminUserView>(command(AdminUsers.ParseId(id)), HttpContext.RequestAborted);
        TempData["Flash"] = flash(changed);
        return new SeeOtherResult($"/admin/users/{changed.Id}");
    }

    /// <summary>The Admin box shows the account's role again, unless the role change itself was refused.</summary>
    public async Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
    {
        await LoadAsync((string)RouteData.Values["id"]!);
        if (error.Error != ErrorCode.ValidationFailed || !error.Errors.ContainsKey("roles")) Admin = Account.IsAdmin;
    }

    private async Task LoadAsync(string id)
    {
        Account = await bus.InvokeAsync<AdminUserView>(new GetAdminUser(AdminUsers.ParseId(id)), HttpContext.RequestAborted);
        Timeline = await CustomerTimelineView.LoadAsync(bus, Account.Id, HttpContext.RequestAborted);
    }

    public static string Describe(string action) => action switch
    {
        AdminActions.AdminRoleGranted => "Admin role granted",
        AdminActions.AdminRoleRemoved => "Admin role removed",
        AdminActions.Locked => "Locked",
        AdminActions.Unlocked => "Unlocked",
        _ => action,
    };
}
