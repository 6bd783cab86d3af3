using System.Text.Json.Serialization;

namespace PrimeTech.Identity.Sessions;

/// <summary>
/// A server-side sign-in. The browser holds only the random token; this record holds its SHA-256
/// (<see cref="TokenHash"/>), so a database leak does not leak usable cookies.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public string TokenHash { get; set; } = "";
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public TimeSpan IdleTimeout { get; set; }
    public DateTimeOffset AbsoluteExpiresAt { get; set; }
    public bool Persistent { get; set; }
    public string IpAddress { get; set; } = "";
    public string UserAgent { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    /// <summary>The earlier of the idle and the absolute expiry.</summary>
    [JsonIgnore]
    public DateTimeOffset ExpiresAt =>
        LastSeenAt + IdleTimeout < AbsoluteExpiresAt ? LastSeenAt + IdleTimeout : AbsoluteExpiresAt;

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTimeOffset now, string reason)
    {
        if (RevokedAt is not null) return;
        RevokedAt = now;
        RevokedReason = reason;
    }
}

public static class RevokedReasons
{
    public const string Logout = "Logout";
    public const string Replaced = "Replaced";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";
    public const string SignedOutByUser = "SignedOutByUser";
    public const string AdminLock = "AdminLock";
    public const string TwoFactorReset = "TwoFactorReset";
}
