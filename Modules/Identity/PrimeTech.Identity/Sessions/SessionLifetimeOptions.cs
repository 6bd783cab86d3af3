namespace PrimeTech.Identity.Sessions;

/// <summary>Session lifetimes (configuration section <c>Sessions</c>).</summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Sessions";

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
    public TimeSpan PersistentIdleTimeout { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan PersistentAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Last-seen is written at most this often, so most requests only read.</summary>
    public TimeSpan LastSeenWriteInterval { get; set; } = TimeSpan.FromMinutes(1);
}
