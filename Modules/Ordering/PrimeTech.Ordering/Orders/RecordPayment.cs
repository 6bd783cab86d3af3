using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Billing.Contracts;
using Wolverine.Marten;

namespace PrimeTech.Ordering.Orders;

/// <summary>
/// Billing's payment events move the order (idempotent, in any order), each in Wolverine's compound
/// shape: the order is loaded, and a pure <c>Handle</c> returns it to store when the event changed it.
/// Confirmed → Paid with the receipt number; a credit note → listed on the order, and
/// PartiallyRefunded while something is left to refund; refunded in full → Refunded (through Paid
/// if the confirmation has not been applied yet); a failed or expired attempt → a payment issue on
/// the pending order. Two events of one order at once: the order's version refuses the second
/// writer, and the write-conflict policy runs it again on the first one's result.
/// </summary>
public static class PaymentConfirmedHandler
{
    public static Task<Order?> LoadAsync(PaymentConfirmed confirmed, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<Order>(confirmed.OrderId, ct);

    public static IEnumerable<IMartenOp> Handle(PaymentConfirmed confirmed, Order? order)
    {
        if (order is null) return [];
        var receiptBefore = order.ReceiptNumber;
        return StorageEffects.UpdateIf(order.MarkPaid(confirmed.ReceiptNumber, confirmed.PaidAt) || receiptBefore != order.ReceiptNumber, order);
    }
}

public static class PaymentRefundedHandler
{
    public static Task<Order?> LoadAsync(PaymentRefunded refunded, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<Order>(refunded.OrderId, ct);

    public static IEnumerable<IMartenOp> Handle(PaymentRefunded refunded, Order? order) =>
        order is null ? [] : StorageEffects.UpdateIf(order.MarkRefunded(refunded.ReceiptNumber, refunded.PaidAt, refunded.RefundedAt), order);
}

public static class CreditNoteIssuedHandler
{
    public static Task<Order?> LoadAsync(CreditNoteIssued issued, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<Order>(issued.OrderId, ct);

    public static IEnumerable<IMartenOp> Handle(CreditNoteIssued issued, Order? order) =>
        order is null
            ? []
            : StorageEffects.UpdateIf(order.RecordCreditNote(issued.CreditNoteNumber, issued.IssuedAt, issued.GrossPence, issued.OrderRefundedInFull), order);
}

public static class PaymentAttemptFailedHandler
{
    public static Task<Order?> LoadAsync(PaymentAttemptFailed failed, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<Order>(failed.OrderId, ct);

    public static IEnumerable<IMartenOp> Handle(PaymentAttemptFailed failed, Order? order) =>
        order is null ? [] : StorageEffects.UpdateIf(order.RecordPaymentIssue(failed.Reason, failed.At), order);
}
