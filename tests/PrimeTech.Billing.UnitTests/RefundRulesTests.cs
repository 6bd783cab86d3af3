using static PrimeTech.Billing.UnitTests.Given;

namespace PrimeTech.Billing.UnitTests;

/// <summary>charge.refunded: completing refunds, refunds Stripe reports before the payment, and what is ignored.</summary>
public sealed class RefundRulesTests
{
    [Fact]
    public void A_full_refund_of_a_paid_order_completes_a_refund_on_its_receipt_and_tells_the_other_modules()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var receipt = Receipt(invoice);

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()), new PaymentState(invoice, Receipt: receipt));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        var refund = Assert.IsType<Refund>(decision.ChangedRefund);
        Assert.Equal((RefundStatus.Completed, receipt.Number, "re_test_1", Gross, "evt_test_1"),
            (refund.Status, refund.ReceiptNumber, refund.StripeRefundId, refund.AmountPence, refund.CompletedByEventId));
        var refunded = Assert.IsType<PaymentRefunded>(Assert.Single(decision.Messages));
        Assert.Equal((receipt.Number, Gross, receipt.PaidAt, new DateTimeOffset(StripeCreated)),
            (refunded.ReceiptNumber, refunded.AmountPence, refunded.PaidAt, refunded.RefundedAt));
    }

    [Fact]
    public void The_refund_an_admin_asked_for_is_completed_keeping_its_reason_and_requester()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var admin = Guid.NewGuid();
        var pending = new Refund
        {
            Id = Guid.NewGuid(), OrderId = invoice.OrderId, AmountPence = Gross, Status = RefundStatus.Pending, StripeRefundId = "re_admin",
            Reason = "Bought twice", RequestedBy = admin, RequestedAt = Now.AddMinutes(-1),
        };

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()), new PaymentState(invoice, Receipt: Receipt(invoice), Refund: pending));

        Assert.Same(pending, decision.ChangedRefund);
        Assert.Equal((RefundStatus.Completed, "re_admin", "Bought twice", admin), (pending.Status, pending.StripeRefundId, pending.Reason, pending.RequestedBy));
    }

    [Fact]
    public void A_refund_already_completed_is_not_completed_twice()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var completed = new Refund { Id = Guid.NewGuid(), OrderId = invoice.OrderId, Status = RefundStatus.Completed, CompletedByEventId = "evt_first" };

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund(), id: "evt_second"),
            new PaymentState(invoice, Receipt: Receipt(invoice), Refund: completed));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Null(decision.ChangedRefund);
        Assert.Empty(decision.Messages);
        Assert.Equal("evt_first", completed.CompletedByEventId);
    }

    [Fact]
    public void A_partial_refund_changes_nothing_and_says_why()
    {
        var invoice = Invoice(InvoiceStatus.Paid);

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund(refunded: false, amountRefunded: 1000)),
            new PaymentState(invoice, Receipt: Receipt(invoice)));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Equal("Partial refunds are not supported: nothing was changed.", decision.Error);
        Assert.Null(decision.ChangedRefund);
    }

    [Fact]
    public void A_refund_that_matches_no_invoice_needs_attention()
    {
        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()), PaymentState.NoInvoice);

        Assert.Equal(WebhookOutcome.NeedsAttention, decision.Outcome);
        Assert.Equal("No invoice matches this refund", decision.Error);
    }

    [Fact]
    public void A_refund_reported_before_the_payment_is_kept_on_the_invoice_until_the_payment_arrives()
    {
        var invoice = Invoice();

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund(), id: "evt_refund"), new PaymentState(invoice));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        Assert.Same(invoice, decision.ChangedInvoice);
        Assert.Equal(("evt_refund", "ch_test_1", Gross), (invoice.EarlyRefund!.EventId, invoice.EarlyRefund.ChargeId, invoice.EarlyRefund.AmountPence));
        Assert.Null(decision.ChangedRefund);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void A_second_early_refund_changes_nothing()
    {
        var invoice = Invoice();
        invoice.EarlyRefund = new EarlyRefund { EventId = "evt_first", AmountPence = Gross, At = Now };

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund(), id: "evt_second"), new PaymentState(invoice));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Equal("evt_first", invoice.EarlyRefund.EventId);
    }

    [Fact]
    public void The_payment_after_an_early_refund_issues_its_receipt_and_then_completes_the_refund_on_it()
    {
        var invoice = Invoice();
        invoice.EarlyRefund = new EarlyRefund { EventId = "evt_refund", ChargeId = "ch_test_1", AmountPence = Gross, At = Now.AddMinutes(-2) };

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice)), new PaymentState(invoice));

        Assert.Null(invoice.EarlyRefund);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        var refund = Assert.IsType<Refund>(decision.ChangedRefund);
        Assert.Equal((RefundStatus.Completed, "", "evt_refund", Now.AddMinutes(-2)),
            (refund.Status, refund.ReceiptNumber, refund.CompletedByEventId, refund.CompletedAt));
        Assert.DoesNotContain(decision.Messages, m => m is PaymentRefunded);
        Assert.Equal(new AnnounceReceipt(decision.NewReceipt!.Id, WithEarlyRefund: true), decision.Messages[0]);

        // The transaction's last statement numbers the receipt and this refund; then the announcement.
        var receipt = decision.NewReceipt;
        receipt.Number = refund.ReceiptNumber = "RCP-2026-000200";
        var announced = PaymentRules.Announcements(receipt, invoice, refund);
        Assert.IsType<PaymentConfirmed>(announced[0]);
        var refunded = Assert.IsType<PaymentRefunded>(announced[1]);
        Assert.Equal(("RCP-2026-000200", Gross, Now.AddMinutes(-2)), (refunded.ReceiptNumber, refunded.AmountPence, refunded.RefundedAt));
        Assert.Equal(2, announced.Count);
    }

    [Fact]
    public void A_refund_of_a_payment_made_after_the_order_was_cancelled_is_recorded_without_a_receipt_and_tells_no_one()
    {
        var invoice = Invoice(InvoiceStatus.Void);

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()), new PaymentState(invoice));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        var refund = Assert.IsType<Refund>(decision.ChangedRefund);
        Assert.Equal((RefundStatus.Completed, ""), (refund.Status, refund.ReceiptNumber));
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void A_second_refund_event_after_a_cancelled_order_changes_nothing()
    {
        var invoice = Invoice(InvoiceStatus.Void);
        var completed = new Refund { Id = Guid.NewGuid(), OrderId = invoice.OrderId, Status = RefundStatus.Completed };

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()), new PaymentState(invoice, Refund: completed));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Null(decision.ChangedRefund);
    }
}
