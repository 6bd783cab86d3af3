using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Billing.Contracts;

namespace PrimeTech.Ordering.Orders;

/// <summary>
/// Billing's payment events move the order (each under the order's lock, idempotent, in any
/// order): confirmed → Paid with the receipt number; a credit note → listed on the order, and
/// PartiallyRefunded while something is left to refund; refunded in full → Refunded (through Paid
/// if the confirmation has not been applied yet); a failed or expired attempt → a payment issue on
/// the pending order.
/// </summary>
public static class PaymentConfirmedHandler
{
    public static async Task Handle(PaymentConfirmed confirmed, IDocumentSession session, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, LockScopes.Order, confirmed.OrderId, ct);
        var order = await session.LoadAsync<Order>(confirmed.OrderId, ct);
        if (order is null) return;
        var receiptBefore = order.ReceiptNumber;
        if (order.MarkPaid(confirmed.ReceiptNumber, confirmed.PaidAt) || receiptBefore != order.ReceiptNumber)
            session.Store(order);
    }
}

public static class PaymentRefundedHandler
{
    public static async Task Handle(PaymentRefunded refunded, IDocumentSession session, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, LockScopes.Order, refunded.OrderId, ct);
        var order = await session.LoadAsync<Order>(refunded.OrderId, ct);
        if (order is not null && order.MarkRefunded(refunded.ReceiptNumber, refunded.PaidAt, refunded.RefundedAt))
            session.Store(order);
    }
}

public static class CreditNoteIssuedHandler
{
    public static async Task Handle(CreditNoteIssued issued, IDocumentSession session, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, LockScopes.Order, issued.OrderId, ct);
        var order = await session.LoadAsync<Order>(issued.OrderId, ct);
        if (order is not null && order.RecordCreditNote(issued.CreditNoteNumber, issued.IssuedAt, issued.GrossPence, issued.OrderRefundedInFull))
            session.Store(order);
    }
}

public static class PaymentAttemptFailedHandler
{
    public static async Task Handle(PaymentAttemptFailed failed, IDocumentSession session, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, LockScopes.Order, failed.OrderId, ct);
        var order = await session.LoadAsync<Order>(failed.OrderId, ct);
        if (order is not null && order.RecordPaymentIssue(failed.Reason, failed.At))
            session.Store(order);
    }
}
