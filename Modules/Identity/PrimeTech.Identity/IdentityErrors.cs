namespace PrimeTech.Identity;

public static class IdentityErrors
{
    public static readonly ErrorCode InvalidCredentials = new("INVALID_CREDENTIALS", 401, "The email address or password is incorrect.");
    public static readonly ErrorCode AccountLocked = new("ACCOUNT_LOCKED", 423, "Too many failed sign-ins.");
    public static readonly ErrorCode TokenInvalidOrExpired = new("TOKEN_INVALID_OR_EXPIRED", 400, "The link is invalid or has expired.");
    public static readonly ErrorCode CannotModifySelf = new("CANNOT_MODIFY_SELF", 409, "You cannot do this to your own account.");
    public static readonly ErrorCode MfaEnrolmentRequired = new("MFA_ENROLMENT_REQUIRED", 403, "Set up two-factor sign-in first.");
    public static readonly ErrorCode MfaCodeInvalid = new("MFA_CODE_INVALID", 401, "The code is not right.");
    public static readonly ErrorCode MfaSignInExpired = new("MFA_SIGN_IN_EXPIRED", 401, "Sign in with your password again.");
    public static readonly ErrorCode MfaAlreadyEnabled = new("MFA_ALREADY_ENABLED", 409, "Two-factor sign-in is already on.");
    public static readonly ErrorCode MfaSetupRequired = new("MFA_SETUP_REQUIRED", 409, "Start two-factor setup first.");
    public static readonly ErrorCode MfaNotEnabled = new("MFA_NOT_ENABLED", 409, "Two-factor sign-in is not on.");
    public static readonly ErrorCode MfaRequiredForAdmins = new("MFA_REQUIRED_FOR_ADMINS", 403, "Admins must keep two-factor sign-in.");

    public static DomainException ExpiredLink() =>
        new(TokenInvalidOrExpired, "This link has expired or has already been used.");

    /// <summary>A wrong, reused or unknown two-factor code, as a field error on <c>code</c> too.</summary>
    public static DomainException WrongTwoFactorCode() => new(MfaCodeInvalid,
        "That code is not right, or has been used already. Enter the current code from your authenticator app, or a recovery code.",
        new Dictionary<string, string[]> { ["code"] = ["Enter the current code from your authenticator app, or a recovery code"] });

    public static DomainException PendingSignInExpired() =>
        new(MfaSignInExpired, "Your sign-in has expired or was already completed. Sign in with your password again.");
}
