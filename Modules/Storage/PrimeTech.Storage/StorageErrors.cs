namespace PrimeTech.Storage;

/// <summary>Storage's error codes (CODEX_HANDOFF §4.1).</summary>
public static class StorageErrors
{
    public static readonly ErrorCode InvalidStatusTransition = new("INVALID_STATUS_TRANSITION", 409, "This change of status is not allowed.");
    public static readonly ErrorCode DuplicateValue = new("DUPLICATE_VALUE", 409, "That value is already in use.");
}
