namespace PrimeTech.Identity.Users;

/// <summary>An account. The email is unique compared case-insensitively (unique index on <see cref="NormalizedEmail"/>).</summary>
public sealed class User
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string Name { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public List<string> Roles { get; set; } = [PrimeTech.BuildingBlocks.Web.Roles.Customer];
    public DateTimeOffset? EmailVerifiedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>Locked by an admin: signing in is refused until unlocked.</summary>
    public DateTimeOffset? LockedAt { get; set; }
    public string? LockedReason { get; set; }
    public Guid? LockedBy { get; set; }

    /// <summary>Changes made by admins (roles, lock, unlock): who and when, oldest first.</summary>
    public List<AdminChange> AdminHistory { get; set; } = [];

    /// <summary>When the last "already registered" or verification email went out (cool-down of 60 s).</summary>
    public DateTimeOffset? LastAccountEmailAt { get; set; }

    /// <summary>When the last password-reset email was sent (one a minute at most).</summary>
    public DateTimeOffset? LastPasswordResetEmailAt { get; set; }

    /// <summary>The TOTP secret, encrypted with Data Protection (<see cref="TwoFactor.TwoFactorCodes"/>); null when two-factor sign-in is off.</summary>
    public string? TwoFactorSecret { get; set; }
    public DateTimeOffset? TwoFactorEnabledAt { get; set; }

    /// <summary>A secret handed out by setup and not confirmed yet (encrypted too); confirming moves it to <see cref="TwoFactorSecret"/>.</summary>
    public string? PendingTwoFactorSecret { get; set; }

    /// <summary>The last TOTP time step accepted: that code and every earlier one are refused.</summary>
    public long? LastTwoFactorStep { get; set; }

    /// <summary>SHA-256 of the recovery codes not used yet; each works once.</summary>
    public List<string> RecoveryCodeHashes { get; set; } = [];
    public DateTimeOffset? RecoveryCodesIssuedAt { get; set; }

    public bool TwoFactorEnabled => TwoFactorEnabledAt is not null && TwoFactorSecret is not null;

    public bool IsAdmin => Roles.Contains(PrimeTech.BuildingBlocks.Web.Roles.Admin);

    public static User Create(string email, string name, string passwordHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = email.Trim(),
        NormalizedEmail = EmailAddress.Normalise(email),
        Name = name.Trim(),
        PasswordHash = passwordHash,
        Roles = [PrimeTech.BuildingBlocks.Web.Roles.Customer],
        CreatedAt = now,
    };
}

/// <summary>One change an admin made to an account.</summary>
/// <param name="Action">One of <see cref="AdminActions"/>.</param>
/// <param name="Detail">The lock reason, or null.</param>
public sealed record AdminChange(DateTimeOffset At, Guid ByUserId, string ByEmail, string Action, string? Detail);

public static class AdminActions
{
    public const string AdminRoleGranted = "AdminRoleGranted";
    public const string AdminRoleRemoved = "AdminRoleRemoved";
    public const string Locked = "Locked";
    public const string Unlocked = "Unlocked";
}

public static class EmailAddress
{
    public static string Normalise(string? email) => (email ?? "").Trim().ToLowerInvariant();
}
