using PrimeTech.BuildingBlocks.Errors;
using static PrimeTech.Ordering.UnitTests.Given;

namespace PrimeTech.Ordering.UnitTests;

/// <summary>PendingPayment → Paid → (PartiallyRefunded →) Refunded, or PendingPayment → Cancelled; events in any order.</summary>
public sealed class OrderTransitionTests
{
    [Theory]
    [InlineData(CancellationReason.Customer, ChangedBy.Customer)]
    [InlineData(CancellationReason.Expired, ChangedBy.System)]
    public void A_pending_order_can_be_cancelled(CancellationReason reason, ChangedBy by)
    {
        var order = PendingOrder();
        order.Cancel(reason, Now.AddHours(1));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(Now.AddHours(1), order.CancelledAt);
        Assert.Equal(reason, order.CancellationReason);
        var change = order.History[^1];
        Assert.Equal((OrderStatus.PendingPayment, OrderStatus.Cancelled, by), (change.From, change.To, change.By));
    }

    [Theory]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Refunded)]
    [InlineData(OrderStatus.PartiallyRefunded)]
    public void Only_a_pending_order_can_be_cancelled(OrderStatus status)
    {
        var order = PendingOrder();
        order.Status = status;
        var error = Assert.Throws<DomainException>(() => order.Cancel(CancellationReason.Customer, Now));
        Assert.Equal(OrderingErrors.OrderNotPending, error.Error);
        Assert.Equal(status, order.Status);
    }

    [Fact]
    public void Paying_a_pending_order_records_the_receipt_and_time()
    {
        var order = PendingOrder();
        Assert.True(order.MarkPaid("RCP-1", Now.AddMinutes(5)));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal("RCP-1", order.ReceiptNumber);
        Assert.Equal(Now.AddMinutes(5), order.PaidAt);
        Assert.Equal((OrderStatus.PendingPayment, OrderStatus.Paid, ChangedBy.Payment), (order.History[^1].From, order.History[^1].To, order.History[^1].By));
    }

    [Fact]
    public void A_cancelled_order_that_is_paid_becomes_paid()
    {
        var order = PendingOrder();
        order.Cancel(CancellationReason.Expired, Now);
        Assert.True(order.MarkPaid("RCP-1", Now.AddMinutes(1)));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(OrderStatus.Cancelled, order.History[^1].From);
    }

    [Theory]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.PartiallyRefunded)]
    [InlineData(OrderStatus.Refunded)]
    public void A_repeated_payment_changes_nothing(OrderStatus status)
    {
        var order = PendingOrder();
        order.Status = status;
        var events = order.History.Count;
        Assert.False(order.MarkPaid("RCP-2", Now));
        Assert.Equal(status, order.Status);
        Assert.Equal(events, order.History.Count);
    }

    [Fact]
    public void The_first_receipt_number_is_kept()
    {
        var order = PaidOrder();
        order.MarkPaid("RCP-2", Now.AddHours(1));
        Assert.Equal("RCP-1", order.ReceiptNumber);
    }

    [Fact]
    public void A_partial_credit_note_makes_a_paid_order_partially_refunded()
    {
        var order = PaidOrder();
        Assert.True(order.RecordCreditNote("CN-1", Now.AddDays(1), 500, refundedInFull: false));
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(500, Assert.Single(order.CreditNotes).AmountPence);
    }

    [Fact]
    public void A_credit_note_is_recorded_once_by_number()
    {
        var order = PaidOrder();
        order.RecordCreditNote("CN-1", Now.AddDays(1), 500, refundedInFull: false);
        Assert.False(order.RecordCreditNote("CN-1", Now.AddDays(2), 500, refundedInFull: false));
        Assert.Single(order.CreditNotes);
    }

    [Fact]
    public void Credit_notes_are_listed_by_number()
    {
        var order = PaidOrder();
        order.RecordCreditNote("CN-2", Now.AddDays(1), 100, refundedInFull: false);
        order.RecordCreditNote("CN-1", Now.AddDays(2), 200, refundedInFull: false);
        Assert.Equal(["CN-1", "CN-2"], order.CreditNotes.Select(c => c.Number));
    }

    [Fact]
    public void A_full_credit_note_leaves_the_status_to_the_refund()
    {
        var order = PaidOrder();
        Assert.True(order.RecordCreditNote("CN-1", Now.AddDays(1), 1000, refundedInFull: true));
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void A_credit_note_before_the_payment_confirmation_makes_the_payment_partially_refunded()
    {
        var order = PendingOrder();
        order.RecordCreditNote("CN-1", Now.AddDays(1), 500, refundedInFull: false);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.True(order.MarkPaid("RCP-1", Now.AddMinutes(5)));
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(Now.AddDays(1), order.History[^1].At); // the later of the credit note and the payment
        Assert.Equal(OrderStatus.Paid, order.History[^1].From);
    }

    [Fact]
    public void A_full_credit_note_before_the_payment_confirmation_leaves_the_paid_order_to_the_refund()
    {
        var order = PendingOrder();
        order.RecordCreditNote("CN-1", Now.AddDays(1), 1000, refundedInFull: true);
        Assert.True(order.MarkPaid("RCP-1", Now.AddMinutes(5)));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.True(order.MarkRefunded("RCP-1", Now.AddMinutes(5), Now.AddDays(1)));
        Assert.Equal([OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Refunded], order.History.Select(h => h.To));
    }

    [Fact]
    public void A_refund_of_a_paid_order_makes_it_refunded()
    {
        var order = PaidOrder();
        Assert.True(order.MarkRefunded("RCP-1", Now.AddMinutes(5), Now.AddDays(2)));
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(Now.AddDays(2), order.RefundedAt);
        Assert.False(order.MarkRefunded("RCP-1", Now.AddMinutes(5), Now.AddDays(3)));
        Assert.Equal(Now.AddDays(2), order.RefundedAt);
    }

    [Fact]
    public void A_refund_that_overtakes_its_payment_records_both_steps()
    {
        var order = PendingOrder();
        Assert.True(order.MarkRefunded("RCP-1", Now.AddMinutes(5), Now.AddDays(1)));
        Assert.Equal(
            [OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Refunded],
            order.History.Select(h => h.To));
        Assert.Equal("RCP-1", order.ReceiptNumber);
        Assert.Equal(Now.AddMinutes(5), order.PaidAt);
    }

    [Fact]
    public void A_partially_refunded_order_can_be_refunded_in_full()
    {
        var order = PaidOrder();
        order.RecordCreditNote("CN-1", Now.AddDays(1), 500, refundedInFull: false);
        Assert.True(order.MarkRefunded("RCP-1", Now.AddMinutes(5), Now.AddDays(2)));
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.History[^1].From);
    }

    [Fact]
    public void A_payment_issue_is_recorded_once_on_a_pending_order_in_London_time()
    {
        var order = PendingOrder();
        var at = new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero); // 1 July in London (BST)
        Assert.True(order.RecordPaymentIssue("Expired", at));
        Assert.False(order.RecordPaymentIssue("Expired", at));
        Assert.True(order.RecordPaymentIssue("Failed", at));
        Assert.Equal(["The payment page expired on 1 July 2026.", "Your payment attempt on 1 July 2026 failed."],
            order.PaymentIssues.Select(i => i.Message));
    }

    [Fact]
    public void A_payment_issue_on_a_paid_order_is_ignored() =>
        Assert.False(PaidOrder().RecordPaymentIssue("Failed", Now));

    [Fact]
    public void The_item_count_is_the_sum_of_quantities()
    {
        var order = PendingOrder();
        order.Lines = [new OrderLine { Quantity = 3 }, new OrderLine { Quantity = 100 }];
        Assert.Equal(103, order.ItemCount());
    }
}
