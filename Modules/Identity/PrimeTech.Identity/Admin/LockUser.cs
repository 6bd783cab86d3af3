using System.Security.Claims;
using FluentValidation;
using PrimeTech.Identity.Sessions;

namespace PrimeTech.Identity.Admin;

/// <summary>The body of <c>POST /api/admin/users/{id}/lock</c>.</summary>
public sealed record LockUserRequest(string? Reason);

/// <summary>
/// Locks an account: every session is revoked at once (<c>AdminLock</c>) and sign-in answers 423
/// ACCOUNT_LOCKED after a correct password until an admin unlocks it. An admin cannot lock their own
/// account (CANNOT_MODIFY_SELF). Locking a locked account changes nothing.
/// </summary>
public sealed record LockUser(Guid UserId, string? Reason, AdminActor By)
{
    public sealed class Validator : AbstractValidator<LockUser>
    {
        public static readonly Validator Instance = new();

        public Validator() =>
            RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Enter a reason")
                .Must(r => r!.Trim().Length <= 500).WithMessage("Reason must be 500 characters or fewer");
    }
}

public static class LockUserHandler
{
    public static async Task<AdminUserView> Handle(LockUser command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var user = await AdminUsers.LoadForChangeAsync(session, command.UserId, ct);
        if (user.Id == command.By.UserId)
            throw new DomainException(IdentityErrors.CannotModifySelf, "You cannot lock your own account.");

        var now = clock.GetUtcNow();
        if (user.LockedAt is null)
        {
            user.LockedAt = now;
            user.LockedReason = command.Reason!.Trim();
            user.LockedBy = command.By.UserId;
            user.AdminHistory.Add(new AdminChange(now, command.By.UserId, command.By.Email, AdminActions.Locked, user.LockedReason));
            session.Store(user);
        }
        await UserSessions.RevokeAllAsync(session, user.Id, RevokedReasons.AdminLock, now, ct);
        return AdminUserView.From(user, await session.LoadAsync<SignInThrottle>(user.NormalizedEmail, ct), activeSessionCount: 0, now, withHistory: true);
    }
}

public sealed class LockUserEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/users/{id}/lock", async (string id, LockUserRequest body, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<AdminUserView>(new LockUser(AdminUsers.ParseId(id), body.Reason, AdminActor.From(user)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Lock the account and sign it out everywhere; 409 CANNOT_MODIFY_SELF for your own account.")
            .Produces<AdminUserView>();
}
