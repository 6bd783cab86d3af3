using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Identity.Sessions;

namespace PrimeTech.Identity.TwoFactor;

/// <summary>
/// The operator's way back in when an authenticator app is lost (<c>two-factor reset --email E</c>):
/// turns two-factor sign-in off for that account and signs it out everywhere, so the next sign-in
/// with the password leads an admin to enrol again. Run from the server's command line only.
/// </summary>
public sealed class ResetTwoFactor(IIdentityStore store, TimeProvider clock)
{
    public async Task<string> RunAsync(string? email, CancellationToken ct)
    {
        var normalised = EmailAddress.Normalise(email);
        if (normalised.Length == 0) throw new ArgumentException("give the account's email: two-factor reset --email E");
        await using var session = store.LightweightSession();
        await TransactionLock.AcquireAsync(session, SignInThrottle.LockKey(normalised), ct);
        var user = await session.Query<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == normalised, ct)
            ?? throw new ArgumentException($"no account has the email {email}");
        if (!user.TwoFactorEnabled && user.PendingTwoFactorSecret is null) return $"two-factor: {user.Email} was not enrolled; nothing to reset";

        var now = clock.GetUtcNow();
        user.TwoFactorSecret = null;
        user.TwoFactorEnabledAt = null;
        user.PendingTwoFactorSecret = null;
        user.RecoveryCodeHashes = [];
        user.RecoveryCodesIssuedAt = null;
        session.Store(user);
        var revoked = await UserSessions.RevokeAllAsync(session, user.Id, RevokedReasons.TwoFactorReset, now, ct);
        await session.SaveChangesAsync(ct);
        return $"two-factor: reset for {user.Email}; {revoked} session(s) signed out";
    }
}
