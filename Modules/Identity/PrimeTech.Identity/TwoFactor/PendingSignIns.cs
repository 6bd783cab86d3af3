using PrimeTech.Identity.Sessions;

namespace PrimeTech.Identity.TwoFactor;

/// <summary>A pending sign-in just opened: the token goes into the cookie, and nowhere else.</summary>
public sealed record IssuedPendingSignIn(string Token, DateTimeOffset ExpiresAt);

public static class PendingSignIns
{
    public static (PendingSignIn Pending, IssuedPendingSignIn Issued) Open(Guid userId, bool rememberMe, DateTimeOffset now)
    {
        var token = SecretTokens.New();
        var pending = new PendingSignIn
        {
            Id = Guid.CreateVersion7(now),
            TokenHash = SecretTokens.Hash(token),
            UserId = userId,
            RememberMe = rememberMe,
            CreatedAt = now,
            ExpiresAt = now + PendingSignIn.Lifetime,
        };
        return (pending, new IssuedPendingSignIn(token, pending.ExpiresAt));
    }
}
