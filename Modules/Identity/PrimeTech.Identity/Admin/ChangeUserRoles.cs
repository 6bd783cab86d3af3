using System.Security.Claims;
using FluentValidation;

namespace PrimeTech.Identity.Admin;

/// <summary>The body of <c>PUT /api/admin/users/{id}/roles</c>.</summary>
public sealed record ChangeUserRolesRequest(IReadOnlyList<string>? Roles);

/// <summary>
/// Grants or removes the Admin role (<c>Customer</c> is always kept). An admin cannot remove their
/// own Admin role (CANNOT_MODIFY_SELF), so there is always at least the admin making changes.
/// Roles are read on every request, so the change applies to the user's next request.
/// </summary>
public sealed record ChangeUserRoles(Guid UserId, IReadOnlyList<string>? Roles, AdminActor By)
{
    public sealed class Validator : AbstractValidator<ChangeUserRoles>
    {
        public static readonly Validator Instance = new();

        public Validator() =>
            RuleFor(x => x.Roles).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose the roles")
                .Must(roles => roles!.All(r => ListUsers.CanonicalRole(r) is not null)).WithMessage("Roles can only be Customer and Admin");
    }

    public bool GrantsAdmin => Roles?.Any(r => ListUsers.CanonicalRole(r) == BuildingBlocks.Web.Roles.Admin) == true;
}

public static class ChangeUserRolesHandler
{
    public static async Task<AdminUserView> Handle(ChangeUserRoles command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var user = await AdminUsers.LoadForChangeAsync(session, command.UserId, ct);
        if (user.Id == command.By.UserId && user.IsAdmin && !command.GrantsAdmin)
            throw new DomainException(IdentityErrors.CannotModifySelf, "You cannot remove the Admin role from your own account.");

        var now = clock.GetUtcNow();
        string? action = null;
        if (command.GrantsAdmin && !user.IsAdmin)
        {
            user.Roles.Add(Roles.Admin);
            action = AdminActions.AdminRoleGranted;
        }
        else if (!command.GrantsAdmin && user.IsAdmin)
        {
            user.Roles.RemoveAll(r => r == Roles.Admin);
            action = AdminActions.AdminRoleRemoved;
        }
        if (!user.Roles.Contains(Roles.Customer)) user.Roles.Insert(0, Roles.Customer);

        if (action is not null)
        {
            user.AdminHistory.Add(new AdminChange(now, command.By.UserId, command.By.Email, action, null));
            session.Store(user);
        }
        return await AdminUsers.DetailAsync(session, user, now, ct);
    }
}

public sealed class ChangeUserRolesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/api/admin/users/{id}/roles", async (string id, ChangeUserRolesRequest body, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<AdminUserView>(new ChangeUserRoles(AdminUsers.ParseId(id), body.Roles, AdminActor.From(user)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Set the account's roles (Customer is always kept); 409 CANNOT_MODIFY_SELF when removing your own Admin role.")
            .Produces<AdminUserView>();
}
