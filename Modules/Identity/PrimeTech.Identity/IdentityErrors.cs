using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Identity;

public static class IdentityErrors
{
    public static readonly ErrorCode InvalidCredentials = new("INVALID_CREDENTIALS", 401, "The email address or password is incorrect.");
    public static readonly ErrorCode AccountLocked = new("ACCOUNT_LOCKED", 423, "Too many failed sign-ins.");
    public static readonly ErrorCode TokenInvalidOrExpired = new("TOKEN_INVALID_OR_EXPIRED", 400, "The link is invalid or has expired.");
    public static readonly ErrorCode CannotModifySelf = new("CANNOT_MODIFY_SELF", 409, "You cannot do this to your own account.");

    public static DomainException ExpiredLink() =>
        new(TokenInvalidOrExpired, "This link has expired or has already been used.");
}
