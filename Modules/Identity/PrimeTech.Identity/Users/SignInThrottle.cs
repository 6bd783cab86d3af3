using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Identity.Users;

/// <summary>
/// Failed sign-ins per normalised email, kept whether or not an account exists, so that a lock
/// tells nothing about which emails are registered. 5 failures within 15 minutes lock the email
/// for 15 minutes; wrong current passwords on change-password count too. A successful sign-in or a
/// password reset deletes the record; the daily purge deletes stale ones.
/// </summary>
public sealed class SignInThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    /// <summary>The normalised email.</summary>
    public string Id { get; set; } = "";
    public int FailedCount { get; set; }
    public DateTimeOffset WindowStartedAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>
    /// The transaction lock of one email's password: taken by sign-in, password change and reset, so
    /// a sign-in either commits its session before a change revokes it or sees the new password.
    /// </summary>
    public static string LockKey(string normalisedEmail) => "sign-in:" + normalisedEmail;

    /// <summary>
    /// The signed-in account, read again under its email's sign-in lock, so a change to its second
    /// factor is serialised with sign-ins and other changes to it (NOT_FOUND if it is gone).
    /// </summary>
    public static async Task<User> LoadAccountUnderLockAsync(IDocumentSession session, Guid userId, CancellationToken ct)
    {
        var email = (await session.LoadAsync<User>(userId, ct) ?? throw DomainException.NotFound("Your account")).NormalizedEmail;
        await TransactionLock.AcquireAsync(session, LockKey(email), ct);
        return await session.LoadAsync<User>(userId, ct) ?? throw DomainException.NotFound("Your account");
    }

    /// <summary>Past its window and any lock: it no longer counts for anything, and the daily purge deletes it.</summary>
    public bool IsStaleAt(DateTimeOffset now) => !IsLockedAt(now) && now - WindowStartedAt > Window;

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && now < until;

    public void RecordFailure(DateTimeOffset now)
    {
        if (FailedCount == 0 || now - WindowStartedAt > Window)
        {
            FailedCount = 0;
            WindowStartedAt = now;
        }
        FailedCount++;
        if (FailedCount < MaxFailures) return;
        LockedUntil = now + LockDuration;
        FailedCount = 0;
    }
}
