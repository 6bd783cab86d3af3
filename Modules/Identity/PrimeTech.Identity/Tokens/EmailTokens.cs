using Marten;
using PrimeTech.Identity.Sessions;

namespace PrimeTech.Identity.Tokens;

public static class EmailTokens
{
    /// <summary>Creates a token document and returns the secret that goes into the emailed link.</summary>
    public static string Issue(IDocumentSession session, Guid userId, EmailTokenPurpose purpose, DateTimeOffset now)
    {
        var token = SecretTokens.New();
        session.Store(new EmailToken
        {
            Id = SecretTokens.Hash(token),
            UserId = userId,
            Purpose = purpose,
            CreatedAt = now,
            ExpiresAt = now + (purpose == EmailTokenPurpose.VerifyEmail ? EmailToken.VerifyEmailLifetime : EmailToken.ResetPasswordLifetime),
        });
        return token;
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
