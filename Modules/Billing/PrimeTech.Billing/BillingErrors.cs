using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Billing;

public static class BillingErrors
{
    public static readonly ErrorCode DocumentNotReady = new("DOCUMENT_NOT_READY", 409, "The document is being prepared.");

    /// <summary>The same code as Ordering's: the invoice (so the order) is no longer awaiting payment.</summary>
    public static readonly ErrorCode OrderNotPending = new("ORDER_NOT_PENDING", 409, "This order is not awaiting payment.");

    public static readonly ErrorCode OrderNotPaid = new("ORDER_NOT_PAID", 409, "This order has not been paid.");
    public static readonly ErrorCode RefundAlreadyRequested = new("REFUND_ALREADY_REQUESTED", 409, "A refund has already been requested.");
    public static readonly ErrorCode WebhookSignatureInvalid = new("WEBHOOK_SIGNATURE_INVALID", 400, "The webhook signature is not valid.");
    /// <summary>GET of the account's billing details before any were saved.</summary>
    public static readonly ErrorCode BillingDetailsNotSet = new("BILLING_DETAILS_NOT_SET", 404, "No billing details have been added yet.");

    /// <summary>Checkout without saved billing details, or with details today's rules refuse.</summary>
    public static readonly ErrorCode BillingDetailsRequired = new("BILLING_DETAILS_REQUIRED", 409, "Add your billing details before you check out.");

    public static readonly ErrorCode WebhookNotFailed = new("WEBHOOK_NOT_FAILED", 409, "Only failed events can be processed again.");
}
