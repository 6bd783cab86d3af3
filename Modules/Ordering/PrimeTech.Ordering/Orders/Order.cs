using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Orders;

/// <summary>
/// A customer's order: a snapshot of the cart's lines at checkout (names, prices and VAT rates as
/// they were), with money in pence, VAT rounded half-up per line and totals that are the sums of
/// the lines. Status: PendingPayment → Paid → (PartiallyRefunded →) Refunded, or PendingPayment → Cancelled.
/// </summary>
public sealed class Order
{
    public const string NumberPrefix = "ORD";

    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid CustomerId { get; set; }
    public string CustomerEmail { get; set; } = "";
    public string CustomerName { get; set; } = "";
    /// <summary>The billing details as they were at checkout (null on orders placed before they were collected).</summary>
    public OrderBillingDetails? BillingDetails { get; set; }
    /// <summary>The cart revision the order was placed from: one order per (customer, revision).</summary>
    public long CartRevision { get; set; }
    public OrderStatus Status { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
    public long NetPence { get; set; }
    public long VatPence { get; set; }
    public long GrossPence { get; set; }
    public string Currency { get; set; } = "GBP";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
    public CancellationReason? CancellationReason { get; set; }
    public string? InvoiceNumber { get; set; }
    public string? ReceiptNumber { get; set; }
    public List<PaymentIssue> PaymentIssues { get; set; } = [];

    /// <summary>The credit notes Billing issued for the order's refunds, in the order they were issued.</summary>
    public List<OrderCreditNote> CreditNotes { get; set; } = [];
    public List<OrderStatusChange> History { get; set; } = [];

    public int ItemCount() => Lines.Sum(l => l.Quantity);

    public bool IsPending => Status == OrderStatus.PendingPayment;

    /// <summary>PendingPayment → Cancelled, by the customer or because it was not paid in time.</summary>
    public void Cancel(CancellationReason reason, DateTimeOffset now)
    {
        if (!IsPending)
            throw new DomainException(OrderingErrors.OrderNotPending, "This order is not awaiting payment, so it cannot be cancelled.");
        History.Add(new OrderStatusChange
        {
            At = now,
            From = Status,
            To = OrderStatus.Cancelled,
            By = reason == Orders.CancellationReason.Customer ? ChangedBy.Customer : ChangedBy.System,
        });
        Status = OrderStatus.Cancelled;
        CancelledAt = now;
        CancellationReason = reason;
    }

    /// <summary>
    /// Billing confirmed the payment: → Paid. From Cancelled too — the payment and its receipt stand
    /// (a customer paid on a page opened before cancelling), and Billing flags it for a refund. False
    /// if the order is already Paid or Refunded (events may repeat or arrive in any order).
    /// </summary>
    public bool MarkPaid(string receiptNumber, DateTimeOffset paidAt)
    {
        if (!BecomePaid(receiptNumber, paidAt))
            return false;
        // A partial refund's credit note overtook this confirmation: the order is partly refunded. One
        // that refunds it in full leaves the status to MarkRefunded, as when it comes after.
        if (CreditNotes.Count > 0 && !CreditNotes.Any(c => c.RefundsInFull))
        {
            var refundedAt = CreditNotes.Max(c => c.IssuedAt);
            History.Add(new OrderStatusChange
            {
                At = refundedAt > paidAt ? refundedAt : paidAt, From = Status, To = OrderStatus.PartiallyRefunded, By = ChangedBy.Payment,
            });
            Status = OrderStatus.PartiallyRefunded;
        }
        return true;
    }

    private bool BecomePaid(string receiptNumber, DateTimeOffset paidAt)
    {
        ReceiptNumber ??= receiptNumber;
        if (Status is OrderStatus.Paid or OrderStatus.PartiallyRefunded or OrderStatus.Refunded)
            return false;
        History.Add(new OrderStatusChange { At = paidAt, From = Status, To = OrderStatus.Paid, By = ChangedBy.Payment });
        Status = OrderStatus.Paid;
        PaidAt = paidAt;
        return true;
    }

    /// <summary>
    /// Stripe refunded the payment: → Refunded. A refund that overtakes its payment's confirmation
    /// records both steps. False if already Refunded.
    /// </summary>
    public bool MarkRefunded(string receiptNumber, DateTimeOffset paidAt, DateTimeOffset refundedAt)
    {
        if (Status == OrderStatus.Refunded)
            return false;
        BecomePaid(receiptNumber, paidAt);
        History.Add(new OrderStatusChange { At = refundedAt, From = Status, To = OrderStatus.Refunded, By = ChangedBy.Payment });
        Status = OrderStatus.Refunded;
        RefundedAt = refundedAt;
        return true;
    }

    /// <summary>
    /// Billing issued a credit note: it is listed on the order (once, by number), and a paid order
    /// with something still to refund becomes PartiallyRefunded. The credit note that refunds the
    /// rest leaves the status to <see cref="MarkRefunded"/>. False if nothing changed.
    /// </summary>
    public bool RecordCreditNote(string number, DateTimeOffset issuedAt, long amountPence, bool refundedInFull)
    {
        if (CreditNotes.Any(c => c.Number == number))
            return false;
        CreditNotes.Add(new OrderCreditNote { Number = number, IssuedAt = issuedAt, AmountPence = amountPence, RefundsInFull = refundedInFull });
        CreditNotes.Sort((a, b) => string.CompareOrdinal(a.Number, b.Number));
        if (!refundedInFull && Status == OrderStatus.Paid)
        {
            History.Add(new OrderStatusChange { At = issuedAt, From = Status, To = OrderStatus.PartiallyRefunded, By = ChangedBy.Payment });
            Status = OrderStatus.PartiallyRefunded;
        }
        return true;
    }

    /// <summary>A failed or expired payment attempt, shown to the customer while the order waits for payment.</summary>
    public bool RecordPaymentIssue(string kind, DateTimeOffset at)
    {
        if (!IsPending || PaymentIssues.Any(i => i.Kind == kind && i.At == at))
            return false;
        var day = BuildingBlocks.Time.London.Format(at, "d MMMM yyyy");
        PaymentIssues.Add(new PaymentIssue
        {
            At = at,
            Kind = kind,
            Message = kind == "Expired" ? $"The payment page expired on {day}." : $"Your payment attempt on {day} failed.",
        });
        return true;
    }
}

public enum OrderStatus
{
    PendingPayment,
    Paid,
    Cancelled,
    Refunded,
    PartiallyRefunded,
}

public enum CancellationReason
{
    Customer,
    Expired,
}

public enum ChangedBy
{
    Customer,
    System,
    Payment,
}

public sealed class OrderLine
{
    public Guid ProductId { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsLicensed { get; set; }
    public long UnitPriceNetPence { get; set; }
    public decimal VatRatePercent { get; set; }
    public int Quantity { get; set; }
    public long NetPence { get; set; }
    public long VatPence { get; set; }
    public long GrossPence { get; set; }
}

public sealed class OrderStatusChange
{
    public DateTimeOffset At { get; set; }
    public OrderStatus? From { get; set; }
    public OrderStatus To { get; set; }
    public ChangedBy By { get; set; }
}

/// <summary>A credit note of the order, as Billing announced it.</summary>
public sealed class OrderCreditNote
{
    public string Number { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public long AmountPence { get; set; }

    /// <summary>It refunded what was left of the order, as Billing reported it.</summary>
    public bool RefundsInFull { get; set; }
}

/// <summary>A failed or expired payment attempt on a pending order (recorded by the payments flow).</summary>
public sealed class PaymentIssue
{
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string Message { get; set; } = "";
}
