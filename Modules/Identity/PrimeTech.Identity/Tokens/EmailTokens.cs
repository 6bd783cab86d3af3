using PrimeTech.Identity.Sessions;

namespace PrimeTech.Identity.Tokens;

public static class EmailTokens
{
    /// <summary>
    /// Records a pending token and returns the message that emails its link. The secret is drawn only
    /// when the email is sent (<see cref="DeliverEmailTokenHandler"/>); until then no link can match it.
    /// </summary>
    public static DeliverEmailToken Issue(IDocumentSession session, Guid userId, EmailTokenPurpose purpose, DateTimeOffset now)
    {
        var (token, delivery) = New(userId, purpose, now);
        session.Store(token);
        return delivery;
    }

    /// <summary>
    /// A new token under a pending id, and the message that draws its secret and emails it after the
    /// commit: for a handler that returns its storage effects instead of writing to the session.
    /// </summary>
    public static (EmailToken Token, DeliverEmailToken Delivery) New(Guid userId, EmailTokenPurpose purpose, DateTimeOffset now)
    {
        var pending = EmailToken.PendingIdPrefix + Guid.NewGuid().ToString("N");
        var token = new EmailToken
        {
            Id = pending,
            UserId = userId,
            Purpose = purpose,
            CreatedAt = now,
            ExpiresAt = now + (purpose == EmailTokenPurpose.VerifyEmail ? EmailToken.VerifyEmailLifetime : EmailToken.ResetPasswordLifetime),
        };
        return (token, new DeliverEmailToken(pending));
    }

    /// <summary>The token's document if the token is well formed, known and of this purpose (usable or not).</summary>
    public static async Task<EmailToken?> FindAsync(IQuerySession session, string? token, EmailTokenPurpose purpose, CancellationToken ct)
    {
        if (!SecretTokens.IsWellFormed(token)) return null;
        var found = await session.LoadAsync<EmailToken>(SecretTokens.Hash(token!), ct);
        return found?.Purpose == purpose ? found : null;
    }

    /// <summary>Marks every other unused token of the user with this purpose as invalidated.</summary>
    public static async Task InvalidateOthersAsync(IDocumentSession session, EmailToken used, DateTimeOffset now, CancellationToken ct)
    {
        var others = await session.Query<EmailToken>()
            .Where(t => t.UserId == used.UserId && t.Purpose == used.Purpose && t.UsedAt == null && t.InvalidatedAt == null)
            .ToListAsync(ct);
        foreach (var other in others.Where(t => t.Id != used.Id))
        {
            other.InvalidatedAt = now;
            session.Store(other);
        }
    }
}
