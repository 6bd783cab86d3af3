using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Billing;

public static class BillingErrors
{
    public static readonly ErrorCode DocumentNotReady = new("DOCUMENT_NOT_READY", 409, "The document is being prepared.");
}
