using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Ordering.Orders;

/// <summary>
/// A customer's order: a snapshot of the cart's lines at checkout (names, prices and VAT rates as
/// they were), with money in pence, VAT rounded half-up per line and totals that are the sums of
/// the lines. Status: PendingPayment → Paid → Refunded, or PendingPayment → Cancelled.
/// </summary>
public sealed class Order
{
    public const string NumberPrefix = "ORD";

    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid CustomerId { get; set; }
    public string CustomerEmail { get; set; } = "";
    public string CustomerName { get; set; } = "";
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
}

public enum OrderStatus
{
    PendingPayment,
    Paid,
    Cancelled,
    Refunded,
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

/// <summary>A failed or expired payment attempt on a pending order (recorded by the payments flow).</summary>
public sealed class PaymentIssue
{
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string Message { get; set; } = "";
}
