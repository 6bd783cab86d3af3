namespace PrimeTech.Audit.Contracts;

/// <summary>
/// Appends a security event to the audit trail. A module returns it from the handler that decided
/// the outcome, so it is stored in that handler's outbox in the same commit (no extra round trip)
/// and reaches the trail even when the answer is a failure. <see cref="EntryId"/> makes a
/// redelivered message one entry, not two.
/// </summary>
/// <param name="ActorId">The account acting, or null for an anonymous attempt (a failed sign-in).</param>
/// <param name="ActorEmail">That account's email address, or null.</param>
/// <param name="IpAddress">The client's address as the app sees it (after the trusted-proxy rules), or null.</param>
/// <param name="Action">What happened, one of <see cref="SecurityActions"/>.</param>
/// <param name="Target">What it happened to: a user id, or the email address a sign-in tried.</param>
/// <param name="Status">The HTTP status the request was answered with.</param>
/// <param name="Reason">On failure, the error code (INVALID_CREDENTIALS, ACCOUNT_LOCKED …).</param>
public sealed record RecordSecurityEvent(
    Guid EntryId, DateTimeOffset At, Guid? ActorId, string? ActorEmail, string? IpAddress,
    string Action, string? Target, bool Succeeded, int Status, string? Reason);

/// <summary>The action names of security events (admin actions are named from their routes).</summary>
public static class SecurityActions
{
    public const string SignIn = "auth.sign-in";
    public const string PasswordChange = "auth.password-change";
    public const string PasswordReset = "auth.password-reset";
    public const string TwoFactorSignIn = "auth.two-factor.sign-in";
    public const string TwoFactorEnrol = "auth.two-factor.enrol";
    public const string TwoFactorDisable = "auth.two-factor.disable";
}
