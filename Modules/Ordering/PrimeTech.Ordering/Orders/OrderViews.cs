using System.Text.Json.Serialization;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Orders;

public sealed record OrderSummary(
    string OrderNumber, string Status, DateTimeOffset CreatedAt, int ItemCount, long GrossPence, string Currency,
    string? InvoiceNumber, string? ReceiptNumber)
{
    public static OrderSummary From(Order o) =>
        new(o.Number, o.Status.ToString(), o.CreatedAt, o.ItemCount(), o.GrossPence, o.Currency, o.InvoiceNumber, o.ReceiptNumber);
}

public sealed record AdminOrderSummary(
    string OrderNumber, string Status, DateTimeOffset CreatedAt, int ItemCount, long GrossPence, string Currency,
    string? InvoiceNumber, string? ReceiptNumber, string CustomerEmail)
{
    public static AdminOrderSummary From(Order o) =>
        new(o.Number, o.Status.ToString(), o.CreatedAt, o.ItemCount(), o.GrossPence, o.Currency, o.InvoiceNumber, o.ReceiptNumber,
            o.CustomerEmail);
}

public sealed record OrderLineView(
    string Sku, string Name, bool IsLicensed, int Quantity, long UnitPriceNetPence, decimal VatRatePercent,
    long NetPence, long VatPence, long GrossPence);

public sealed record PaymentIssueView(DateTimeOffset At, string Kind, string Message);

/// <summary><c>{ number, issuedAt, amountPence }</c>: a credit note of the order.</summary>
public sealed record CreditNoteView(string Number, DateTimeOffset IssuedAt, long AmountPence);

public sealed record OrderDetail(
    [property: JsonIgnore] Guid OrderId,
    string OrderNumber,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? CancelledAt,
    string? CancellationReason,
    DateTimeOffset? RefundedAt,
    string Currency,
    IReadOnlyList<OrderLineView> Lines,
    long NetPence,
    long VatPence,
    long GrossPence,
    string? InvoiceNumber,
    string? ReceiptNumber,
    IReadOnlyList<PaymentIssueView> PaymentIssues,
    bool CanPay,
    bool CanCancel,
    OrderBillingDetails? BillingDetails,
    IReadOnlyList<CreditNoteView> CreditNotes)
{
    public static OrderDetail From(Order o) =>
        new(o.Id, o.Number, o.Status.ToString(), o.CreatedAt, o.PaidAt, o.CancelledAt, o.CancellationReason?.ToString(), o.RefundedAt,
            o.Currency,
            o.Lines.Select(l => new OrderLineView(l.Sku, l.Name, l.IsLicensed, l.Quantity, l.UnitPriceNetPence, l.VatRatePercent,
                l.NetPence, l.VatPence, l.GrossPence)).ToList(),
            o.NetPence, o.VatPence, o.GrossPence, o.InvoiceNumber, o.ReceiptNumber,
            o.PaymentIssues.Select(i => new PaymentIssueView(i.At, i.Kind, i.Message)).ToList(),
            CanPay: o.IsPending, CanCancel: o.IsPending, BillingDetails: o.BillingDetails,
            CreditNotes: o.CreditNotes.Select(c => new CreditNoteView(c.Number, c.IssuedAt, c.AmountPence)).ToList());
}

public sealed record OrderStatusChangeView(DateTimeOffset At, string? From, string To, string By);

/// <summary>An order as admins see it: the customer's view plus who the customer is and the status history.</summary>
public sealed record AdminOrderView(
    [property: JsonIgnore] Guid OrderId,
    string OrderNumber,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? CancelledAt,
    string? CancellationReason,
    DateTimeOffset? RefundedAt,
    string Currency,
    IReadOnlyList<OrderLineView> Lines,
    long NetPence,
    long VatPence,
    long GrossPence,
    string? InvoiceNumber,
    string? ReceiptNumber,
    IReadOnlyList<PaymentIssueView> PaymentIssues,
    bool CanPay,
    bool CanCancel,
    OrderBillingDetails? BillingDetails,
    IReadOnlyList<CreditNoteView> CreditNotes,
    Guid CustomerId,
    string CustomerEmail,
    string CustomerName,
    IReadOnlyList<OrderStatusChangeView> History)
{
    public static AdminOrderView From(Order o)
    {
        var d = OrderDetail.From(o);
        return new(o.Id, d.OrderNumber, d.Status, d.CreatedAt, d.PaidAt, d.CancelledAt, d.CancellationReason, d.RefundedAt, d.Currency,
            d.Lines, d.NetPence, d.VatPence, d.GrossPence, d.InvoiceNumber, d.ReceiptNumber, d.PaymentIssues, d.CanPay, d.CanCancel,
            d.BillingDetails, d.CreditNotes, o.CustomerId, o.CustomerEmail, o.CustomerName,
            o.History.Select(h => new OrderStatusChangeView(h.At, h.From?.ToString(), h.To.ToString(), h.By.ToString())).ToList());
    }
}
