namespace PrimeTech.Identity.Web;

/// <summary>Rate-limit policy names of the auth endpoints and their pages (CODEX_HANDOFF §5.4).</summary>
public static class AuthRateLimits
{
    /// <summary>register, login, verify-email, forgot-password, reset-password, change-password: 10 per minute per IP.</summary>
    public const string Auth = "Auth";

    /// <summary>resend-verification: 3 per 15 minutes per IP.</summary>
    public const string ResendVerification = "ResendVerification";

    /// <summary>me, logout, sessions: 120 per minute per IP.</summary>
    public const string Session = "Session";
}
