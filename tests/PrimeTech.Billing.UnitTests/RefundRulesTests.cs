using PrimeTech.Billing.CreditNotes;
using static PrimeTech.Billing.UnitTests.Given;

namespace PrimeTech.Billing.UnitTests;

/// <summary>charge.refunded: one credit note per Stripe refund, refunds Stripe reports before the payment, and what is ignored.</summary>
public sealed class RefundRulesTests
{
    [Fact]
    public void A_refund_made_in_Stripe_completes_a_refund_on_its_receipt_and_issues_its_credit_note()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var receipt = Receipt(invoice);

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()),
            new PaymentState(invoice, Receipt: receipt, StripeRefunds: [StripeRefund()]));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        var refund = Assert.Single(decision.ChangedRefunds);
        Assert.Equal((RefundStatus.Completed, receipt.Number, "re_test_1", Gross, "evt_test_1", RefundKind.Remainder),
            (refund.Status, refund.ReceiptNumber, refund.StripeRefundId, refund.AmountPence, refund.CompletedByEventId, refund.Kind));
        var note = Assert.Single(decision.NewCreditNotes);
        Assert.True(CreditNoteNumbers.IsPending(note));
        Assert.Equal((invoice.Number, "re_test_1", 4999L, 1000L, Gross, true), (note.InvoiceNumber, note.StripeRefundId, note.NetPence, note.VatPence, note.GrossPence, note.CompletesRefund));
        Assert.Equal([new AnnounceCreditNote(note.Id), new RenderCreditNotePdf(note.Id)], decision.Messages);
    }

    [Fact]
    public void The_refund_an_admin_asked_for_is_found_by_the_id_in_Stripe_metadata_and_keeps_its_lines_and_licences()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var admin = Guid.NewGuid();
        var pending = new Refund
        {
            Id = Guid.NewGuid(), OrderId = invoice.OrderId, AmountPence = 1000, Status = RefundStatus.Pending, Kind = RefundKind.Amount,
            Reason = "Goodwill", RequestedBy = admin, RequestedAt = Now.AddMinutes(-1), LicenceKeys = ["LIC-AAAA-BBBB-CCCC"],
            Lines = [new CreditLine { Description = "Amount", VatRatePercent = 20m, NetPence = 833, VatPence = 167, GrossPence = 1000 }],
        };

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund(refunded: false, amountRefunded: 1000)),
            new PaymentState(invoice, Receipt: Receipt(invoice), Refunds: [pending], StripeRefunds: [StripeRefund("re_admin", 1000, pending.Id)]));

        Assert.Same(pending, Assert.Single(decision.ChangedRefunds));
        Assert.Equal((RefundStatus.Completed, "re_admin", "Goodwill", admin), (pending.Status, pending.StripeRefundId, pending.Reason, pending.RequestedBy));
        var note = Assert.Single(decision.NewCreditNotes);
        Assert.Equal((833L, 167L, 1000L, false, 1000L), (note.NetPence, note.VatPence, note.GrossPence, note.CompletesRefund, note.RefundedToDatePence));
        Assert.Equal(["LIC-AAAA-BBBB-CCCC"], note.RevokedLicenceKeys);
        Assert.Equal(pending.Id, note.RefundId);
    }

    [Fact]
    public void A_refund_already_credited_is_not_credited_twice_and_a_later_event_credits_only_the_new_refund()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var completed = new Refund
        {
            Id = Guid.NewGuid(), OrderId = invoice.OrderId, Status = RefundStatus.Completed, StripeRefundId = "re_first", AmountPence = 1000,
            CompletedByEventId = "evt_first", Lines = [new CreditLine { VatRatePercent = 20m, NetPence = 833, VatPence = 167, GrossPence = 1000 }],
        };

        var again = Decide(Event(PaymentRules.ChargeRefunded, FullRefund(), id: "evt_second"),
            new PaymentState(invoice, Receipt: Receipt(invoice), Refunds: [completed], StripeRefunds: [StripeRefund("re_first", 1000)]));
        Assert.Equal(WebhookOutcome.NoChange, again.Outcome);
        Assert.Empty(again.ChangedRefunds);
        Assert.Empty(again.NewCreditNotes);
        Assert.Equal("evt_first", completed.CompletedByEventId);

        // Out of order: the event of the second refund lists both; only the second gets a credit note.
        var later = Decide(Event(PaymentRules.ChargeRefunded, FullRefund(), id: "evt_third"), new PaymentState(invoice, Receipt: Receipt(invoice),
            Refunds: [completed], StripeRefunds: [StripeRefund("re_second", Gross - 1000, secondsAfter: 5), StripeRefund("re_first", 1000)]));
        var note = Assert.Single(later.NewCreditNotes);
        Assert.Equal(("re_second", Gross - 1000, true), (note.StripeRefundId, note.GrossPence, note.CompletesRefund));
        Assert.Equal((4999L - 833L, 1000L - 167L), (note.NetPence, note.VatPence));
    }

    [Fact]
    public void A_charge_with_no_refund_listed_changes_nothing_and_says_why()
    {
        var invoice = Invoice(InvoiceStatus.Paid);

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()), new PaymentState(invoice, Receipt: Receipt(invoice), StripeRefunds: []));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Equal("Stripe lists no refund of this charge.", decision.Error);
        Assert.Empty(decision.NewCreditNotes);
    }

    [Fact]
    public void A_refund_that_matches_no_invoice_needs_attention()
    {
        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()), PaymentState.NoInvoice);

        Assert.Equal(WebhookOutcome.NeedsAttention, decision.Outcome);
        Assert.Equal("No invoice matches this refund", decision.Error);
    }

    [Fact]
    public void Refunds_reported_before_the_payment_wait_on_the_invoice_and_are_credited_with_the_receipt()
    {
        var invoice = Invoice();

        var early = Decide(Event(PaymentRules.ChargeRefunded, FullRefund(), id: "evt_refund"), new PaymentState(invoice, StripeRefunds: [StripeRefund()]));
        Assert.Equal(WebhookOutcome.Processed, early.Outcome);
        Assert.Same(invoice, early.ChangedInvoice);
        Assert.Equal(("evt_refund", Gross, "re_test_1"), (invoice.EarlyRefund!.EventId, invoice.EarlyRefund.AmountPence, invoice.EarlyRefund.Refunds.Single().Id));
        Assert.Empty(early.NewCreditNotes);

        var again = Decide(Event(PaymentRules.ChargeRefunded, FullRefund(), id: "evt_again"), new PaymentState(invoice, StripeRefunds: [StripeRefund()]));
        Assert.Equal(WebhookOutcome.NoChange, again.Outcome);

        var paid = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice)), new PaymentState(invoice));
        Assert.Null(invoice.EarlyRefund);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        var refund = Assert.Single(paid.ChangedRefunds);
        Assert.Equal((RefundStatus.Completed, paid.NewReceipt!.Number, "evt_refund", "re_test_1"),
            (refund.Status, refund.ReceiptNumber, refund.CompletedByEventId, refund.StripeRefundId));
        Assert.True(Assert.Single(paid.NewCreditNotes).CompletesRefund);
        Assert.Equal(new AnnounceReceipt(paid.NewReceipt.Id), paid.Messages[0]);
    }

    [Fact]
    public void A_refund_of_a_payment_made_after_the_order_was_cancelled_is_recorded_without_a_credit_note()
    {
        var invoice = Invoice(InvoiceStatus.Void);

        var decision = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()), new PaymentState(invoice, StripeRefunds: [StripeRefund()]));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        Assert.Equal((RefundStatus.Completed, ""), (decision.ChangedRefunds.Single().Status, decision.ChangedRefunds.Single().ReceiptNumber));
        Assert.Empty(decision.NewCreditNotes);
        Assert.Empty(decision.Messages);

        var completed = decision.ChangedRefunds.Single();
        var second = Decide(Event(PaymentRules.ChargeRefunded, FullRefund()), new PaymentState(invoice, Refunds: [completed], StripeRefunds: [StripeRefund()]));
        Assert.Equal(WebhookOutcome.NoChange, second.Outcome);
    }

    [Fact]
    public void A_numbered_credit_note_is_announced_and_the_one_that_completes_the_refund_also_says_PaymentRefunded()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var receipt = Receipt(invoice);
        var note = new CreditNote
        {
            Id = Guid.NewGuid(), Number = "CRN-2026-000009", OrderId = invoice.OrderId, OrderNumber = invoice.OrderNumber,
            InvoiceNumber = invoice.Number, StripeRefundId = "re_1", NetPence = 4999, VatPence = 1000, GrossPence = Gross,
            RefundedToDatePence = Gross, CompletesRefund = true, RefundedAt = Now, RevokedLicenceKeys = [],
        };

        var messages = PaymentRules.Announcements(note, receipt);

        var issued = Assert.IsType<CreditNoteIssued>(messages[0]);
        Assert.Equal(("CRN-2026-000009", invoice.Number, "re_1", true), (issued.CreditNoteNumber, issued.InvoiceNumber, issued.StripeRefundId, issued.OrderRefundedInFull));
        var refunded = Assert.IsType<PaymentRefunded>(messages[1]);
        Assert.Equal((receipt.Number, Gross, Now), (refunded.ReceiptNumber, refunded.AmountPence, refunded.RefundedAt));

        note.CompletesRefund = false;
        Assert.IsType<CreditNoteIssued>(Assert.Single(PaymentRules.Announcements(note, receipt)));
    }
}
