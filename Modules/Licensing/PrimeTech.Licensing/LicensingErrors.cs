using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Licensing;

/// <summary>The error codes of licences and their API (CODEX_HANDOFF §4.1).</summary>
public static class LicensingErrors
{
    public static readonly ErrorCode InvalidLicenceKey = new("INVALID_LICENCE_KEY", 400, "The licence key is not valid.");
    public static readonly ErrorCode LicenceRevoked = new("LICENCE_REVOKED", 403, "This licence has been revoked.");
    public static readonly ErrorCode LicenceNotFound = new("LICENCE_NOT_FOUND", 404, "No licence has this key.");
    public static readonly ErrorCode ActivationLimitReached =
        new("LICENCE_ACTIVATION_LIMIT_REACHED", 409, "This licence is already activated on another machine.");
    public static readonly ErrorCode FingerprintMismatch =
        new("LICENCE_FINGERPRINT_MISMATCH", 409, "This licence is activated on a different machine.");
    public static readonly ErrorCode NotActivated =
        new("LICENCE_NOT_ACTIVATED", 409, "This licence is not activated on any machine.");
    public static readonly ErrorCode DeviceSwapLimitReached =
        new("DEVICE_SWAP_LIMIT_REACHED", 409, "This licence's machine has been released too often recently.");
    public static readonly ErrorCode InvalidStatusTransition =
        new("INVALID_STATUS_TRANSITION", 409, "This change of status is not allowed.");

    public static DomainException InvalidKey() => new(InvalidLicenceKey,
        $"Enter a licence key like {PrimeTech.BuildingBlocks.Identifiers.LicenceKey.Example}: LIC- and three groups of four letters or numbers.");

    public static DomainException NotFound(string key) => new(LicenceNotFound, $"No licence has the key {key}. Check it and try again.");
}
