namespace PrimeTech.Identity.Sessions;

public static class UserSessions
{
    /// <summary>The user's sessions that are not revoked (some may have expired).</summary>
    public static Task<IReadOnlyList<UserSession>> OpenAsync(IQuerySession session, Guid userId, CancellationToken ct) =>
        session.Query<UserSession>().Where(s => s.UserId == userId && s.RevokedAt == null).ToListAsync(ct);

    /// <summary>Revokes every open session of the user, except <paramref name="keep"/>. Returns how many were revoked.</summary>
    public static async Task<int> RevokeAllAsync(IDocumentSession session, Guid userId, string reason, DateTimeOffset now, CancellationToken ct, Guid? keep = null)
    {
        var count = 0;
        foreach (var open in await OpenAsync(session, userId, ct))
        {
            if (open.Id == keep) continue;
            if (open.IsActiveAt(now)) count++;
            open.Revoke(now, reason);
            session.Store(open);
        }
        return count;
    }
}
