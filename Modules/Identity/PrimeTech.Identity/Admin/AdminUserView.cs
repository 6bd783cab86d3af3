using PrimeTech.BuildingBlocks.Persistence;
using System.Security.Claims;
using System.Text.Json.Serialization;
using PrimeTech.Identity.Sessions;

namespace PrimeTech.Identity.Admin;

/// <summary>
/// An account as admins see it (CODEX_HANDOFF §6.1 AdminUserView). <see cref="TemporarilyLockedUntil"/>
/// is the sign-in lockout after failed attempts, if it is still running. <see cref="History"/> lists
/// the changes admins made (who and when); it is null in lists.
/// </summary>
public sealed record AdminUserView(
    Guid Id, string Email, string Name, IReadOnlyList<string> Roles, bool EmailVerified, DateTimeOffset CreatedAt,
    DateTimeOffset? LockedAt, string? LockedReason, DateTimeOffset? TemporarilyLockedUntil, int ActiveSessionCount,
    IReadOnlyList<AdminChangeView>? History)
{
    [JsonIgnore]
    public bool IsAdmin => Roles.Contains(BuildingBlocks.Web.Roles.Admin);

    internal static AdminUserView From(User user, SignInThrottle? throttle, int activeSessionCount, DateTimeOffset now, bool withHistory) => new(
        user.Id, user.Email, user.Name, user.Roles.ToList(), user.EmailVerifiedAt is not null, user.CreatedAt,
        user.LockedAt, user.LockedReason,
        throttle is not null && throttle.IsLockedAt(now) ? throttle.LockedUntil : null,
        activeSessionCount,
        withHistory ? user.AdminHistory.Select(c => new AdminChangeView(c.At, c.ByUserId, c.ByEmail, c.Action, c.Detail)).ToList() : null);
}

/// <param name="Action">AdminRoleGranted, AdminRoleRemoved, Locked or Unlocked.</param>
/// <param name="Detail">The lock reason, or null.</param>
public sealed record AdminChangeView(DateTimeOffset At, Guid ByUserId, string ByEmail, string Action, string? Detail);

/// <summary>The admin making a change, recorded in the account's history.</summary>
public sealed record AdminActor(Guid UserId, string Email)
{
    public static AdminActor From(ClaimsPrincipal user) => new(user.RequiredUserId(), user.Email() ?? "");
}

/// <summary>What the admin user handlers share: route ids, loading with the sign-in lock, building views.</summary>
public static class AdminUsers
{
    /// <summary>A user id from a route; anything that is not a Guid is simply not found (never 400).</summary>
    public static Guid ParseId(string? id) =>
        Guid.TryParse(id?.Trim(), out var parsed) ? parsed : throw NotFound();

    internal static DomainException NotFound() => DomainException.NotFound("That user");

    /// <summary>
    /// Loads the user under the same transaction lock sign-in takes for their email, so a lock and a
    /// concurrent sign-in are ordered: either the sign-in sees the lock, or the lock sees (and revokes)
    /// the session the sign-in opened.
    /// </summary>
    internal static async Task<User> LoadForChangeAsync(IDocumentSession session, Guid id, CancellationToken ct)
    {
        var user = await session.LoadAsync<User>(id, ct) ?? throw NotFound();
        await TransactionLock.AcquireAsync(session, SignInThrottle.LockKey(user.NormalizedEmail), ct);
        return await session.LoadAsync<User>(id, ct) ?? throw NotFound();
    }

    internal static async Task<int> ActiveSessionCountAsync(IQuerySession session, Guid userId, DateTimeOffset now, CancellationToken ct) =>
        (await UserSessions.OpenAsync(session, userId, ct)).Count(s => s.IsActiveAt(now));

    /// <summary>The detail view, with history, of a user as stored.</summary>
    internal static async Task<AdminUserView> DetailAsync(IQuerySession session, User user, DateTimeOffset now, CancellationToken ct) =>
        AdminUserView.From(user,
            await session.LoadAsync<SignInThrottle>(user.NormalizedEmail, ct),
            await ActiveSessionCountAsync(session, user.Id, now, ct),
            now, withHistory: true);

    /// <summary>List rows for a page of users, with two queries for the whole page.</summary>
    internal static async Task<IReadOnlyList<AdminUserView>> RowsAsync(IQuerySession session, IReadOnlyList<User> users, DateTimeOffset now, CancellationToken ct)
    {
        if (users.Count == 0) return [];
        var throttles = (await session.LoadManyAsync<SignInThrottle>(ct, users.Select(u => u.NormalizedEmail).ToArray()))
            .ToDictionary(t => t.Id);
        var ids = users.Select(u => u.Id).ToArray();
        var open = await session.Query<UserSession>().Where(s => ids.Contains(s.UserId) && s.RevokedAt == null).ToListAsync(ct);
        var active = open.Where(s => s.IsActiveAt(now)).GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => g.Count());
        return users.Select(u => AdminUserView.From(u, throttles.GetValueOrDefault(u.NormalizedEmail),
            active.GetValueOrDefault(u.Id), now, withHistory: false)).ToList();
    }
}
