using System.Security.Claims;

namespace PrimeTech.Identity.Admin;

/// <summary>
/// Unlocks an account: clears the admin lock and the sign-in lockout after failed attempts (its
/// <see cref="SignInThrottle"/>). Sessions revoked by the lock stay revoked. Unlocking an account
/// that is not locked changes nothing.
/// </summary>
public sealed record UnlockUser(Guid UserId, AdminActor By);

public static class UnlockUserHandler
{
    public static async Task<AdminUserView> Handle(UnlockUser command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var user = await AdminUsers.LoadForChangeAsync(session, command.UserId, ct);
        var now = clock.GetUtcNow();
        var throttle = await session.LoadAsync<SignInThrottle>(user.NormalizedEmail, ct);
        var wasLocked = user.LockedAt is not null || (throttle?.IsLockedAt(now) ?? false);
        if (throttle is not null) session.Delete(throttle);
        if (wasLocked)
        {
            user.LockedAt = null;
            user.LockedReason = null;
            user.LockedBy = null;
            user.AdminHistory.Add(new AdminChange(now, command.By.UserId, command.By.Email, AdminActions.Unlocked, null));
            session.Store(user);
        }
        return AdminUserView.From(user, throttle: null, await AdminUsers.ActiveSessionCountAsync(session, user.Id, now, ct), now, withHistory: true);
    }
}

public sealed class UnlockUserEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/users/{id}/unlock", async (string id, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<AdminUserView>(new UnlockUser(AdminUsers.ParseId(id), AdminActor.From(user)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Unlock the account (admin lock and failed-sign-in lockout).")
            .Produces<AdminUserView>();
}
