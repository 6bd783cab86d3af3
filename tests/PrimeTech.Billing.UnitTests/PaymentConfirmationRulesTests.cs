using static PrimeTech.Billing.UnitTests.Given;

namespace PrimeTech.Billing.UnitTests;

/// <summary>checkout.session.completed / async_payment_succeeded: when a receipt is issued, and when it is not.</summary>
public sealed class PaymentConfirmationRulesTests
{
    [Fact]
    public void A_paid_session_of_an_issued_invoice_issues_one_receipt_for_the_invoice_total_and_marks_the_invoice_paid()
    {
        var invoice = Invoice();
        var record = Record(invoice);

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice)), new PaymentState(invoice, record));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        Assert.Equal((invoice.OrderNumber, invoice.Number), (decision.OrderNumber, decision.InvoiceNumber));
        var receipt = Assert.IsType<Receipt>(decision.NewReceipt);
        Assert.Equal((invoice.OrderId, "pi_test_1", Gross), (receipt.OrderId, receipt.PaymentIntentId, receipt.AmountPence));
        Assert.True(ReceiptNumbers.IsPending(receipt), "The receipt is numbered by the transaction's last statement, not by the rules.");
        Assert.Equal(new DateTimeOffset(StripeCreated), receipt.PaidAt);
        Assert.Equal(Now, receipt.IssuedAt);
        Assert.Same(invoice, decision.ChangedInvoice);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(new DateTimeOffset(StripeCreated), invoice.PaidAt);
        Assert.Same(record, decision.ChangedRecord);
        Assert.Equal((CheckoutSessionStatus.Paid, "pi_test_1"), (record.Status, record.PaymentIntentId));
    }

    [Fact]
    public void A_confirmed_payment_asks_for_its_announcement_and_both_PDFs_but_sends_no_number_yet()
    {
        var invoice = Invoice();
        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice)), new PaymentState(invoice));

        Assert.Equal(new AnnounceReceipt(decision.NewReceipt!.Id), decision.Messages[0]);
        Assert.Equal(decision.NewReceipt.Id, Assert.IsType<RenderReceiptPdf>(decision.Messages[1]).ReceiptId);
        var invoicePdf = Assert.IsType<RenderInvoicePdf>(decision.Messages[2]);
        Assert.Equal((invoice.Id, 2), (invoicePdf.InvoiceId, invoicePdf.Revision));
        Assert.Equal(3, decision.Messages.Count);
        Assert.DoesNotContain(decision.Messages, m => m is PaymentConfirmed);
    }

    [Fact]
    public void A_numbered_receipt_is_announced_with_its_number_in_PaymentConfirmed()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var receipt = Receipt(invoice);
        receipt.Number = "RCP-2026-000123";

        var confirmed = PaymentRules.Announcement(receipt, invoice);

        Assert.Equal(("RCP-2026-000123", invoice.Number, invoice.OrderNumber, Gross, "ada@example.test", "Ada Buyer"),
            (confirmed.ReceiptNumber, confirmed.InvoiceNumber, confirmed.OrderNumber, confirmed.AmountPence, confirmed.CustomerEmail, confirmed.CustomerName));
        Assert.Equal(receipt.PaidAt, confirmed.PaidAt);
        var line = Assert.Single(confirmed.Lines);
        Assert.Equal(("PT-EDITOR", true, 1), (line.Sku, line.IsLicensed, line.Quantity));
    }

    [Fact]
    public void An_async_payment_that_succeeds_issues_the_receipt_as_a_paid_session_does()
    {
        var invoice = Invoice();
        var record = Record(invoice, status: CheckoutSessionStatus.AwaitingAsyncPayment);

        var decision = Decide(Event(PaymentRules.AsyncPaymentSucceeded, Session(invoice)), new PaymentState(invoice, record));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        Assert.NotNull(decision.NewReceipt);
        Assert.Equal(CheckoutSessionStatus.Paid, record.Status);
    }

    [Fact]
    public void The_same_payment_confirmed_again_changes_nothing()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var anomaliesBefore = invoice.Anomalies.Count;

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice), id: "evt_other"),
            new PaymentState(invoice, Receipt: Receipt(invoice)));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Null(decision.NewReceipt);
        Assert.Null(decision.ChangedInvoice);
        Assert.Empty(decision.Messages);
        Assert.Equal(anomaliesBefore, invoice.Anomalies.Count);
    }

    [Fact]
    public void A_second_different_payment_of_a_paid_invoice_is_a_duplicate_payment_to_refund_and_issues_nothing()
    {
        var invoice = Invoice(InvoiceStatus.Paid);

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice, paymentIntentId: "pi_second", id: "cs_test_2")),
            new PaymentState(invoice, Receipt: Receipt(invoice)));

        Assert.Equal(WebhookOutcome.NeedsAttention, decision.Outcome);
        Assert.Equal("A second payment was made for an invoice already paid.", decision.Error);
        Assert.Null(decision.NewReceipt);
        var anomaly = Assert.Single(invoice.Anomalies);
        Assert.Equal((PaymentAnomalyKind.DuplicatePayment, "evt_test_1"), (anomaly.Kind, anomaly.EventId));
        Assert.Contains("pi_second", anomaly.Detail);
        Assert.Contains("already paid by pi_test_1", anomaly.Detail);
        Assert.Same(invoice, decision.ChangedInvoice);
    }

    [Fact]
    public void A_payment_after_the_order_was_cancelled_issues_no_receipt_and_asks_for_a_refund()
    {
        var invoice = Invoice(InvoiceStatus.Void);

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice)), new PaymentState(invoice));

        Assert.Equal(WebhookOutcome.NeedsAttention, decision.Outcome);
        Assert.Equal("Paid after the order was cancelled.", decision.Error);
        Assert.Null(decision.NewReceipt);
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
        Assert.Equal(PaymentAnomalyKind.PaidAfterVoid, Assert.Single(invoice.Anomalies).Kind);
        Assert.Empty(decision.Messages);
    }

    [Theory]
    [InlineData(Gross - 1, "gbp")]
    [InlineData(Gross + 100, "gbp")]
    [InlineData(Gross, "eur")]
    public void A_payment_whose_amount_or_currency_differs_from_the_invoice_issues_nothing_and_is_recorded(long amount, string currency)
    {
        var invoice = Invoice();

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice, amount: amount, currency: currency)), new PaymentState(invoice));

        Assert.Equal(WebhookOutcome.AmountMismatch, decision.Outcome);
        Assert.Null(decision.NewReceipt);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        var anomaly = Assert.Single(invoice.Anomalies);
        Assert.Equal(PaymentAnomalyKind.AmountMismatch, anomaly.Kind);
        Assert.Contains("the invoice total is £59.99 GBP", anomaly.Detail);
    }

    [Fact]
    public void The_currency_is_compared_without_regard_to_case()
    {
        var invoice = Invoice();

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice, currency: "GBP")), new PaymentState(invoice));

        Assert.NotNull(decision.NewReceipt);
    }

    [Fact]
    public void A_paid_session_that_names_no_payment_intent_needs_attention_and_changes_nothing()
    {
        var invoice = Invoice();
        var record = Record(invoice);

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice, paymentIntentId: null)), new PaymentState(invoice, record));

        Assert.Equal(WebhookOutcome.NeedsAttention, decision.Outcome);
        Assert.Equal("The paid session names no payment intent.", decision.Error);
        Assert.Null(decision.NewReceipt);
        Assert.Null(decision.ChangedRecord);
        Assert.Equal(CheckoutSessionStatus.Open, record.Status);
    }

    [Fact]
    public void A_session_that_matches_no_invoice_needs_attention_with_the_order_number_it_carries()
    {
        var invoice = Invoice();

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice)), PaymentState.NoInvoice);

        Assert.Equal(WebhookOutcome.NeedsAttention, decision.Outcome);
        Assert.Equal("No invoice matches this session", decision.Error);
        Assert.Equal(invoice.OrderNumber, decision.OrderNumber);
        Assert.Null(decision.NewReceipt);
    }

    [Fact]
    public void A_completed_session_whose_payment_is_still_pending_waits_for_the_async_payment()
    {
        var invoice = Invoice();
        var record = Record(invoice);

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice, paymentStatus: "unpaid")), new PaymentState(invoice, record));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Null(decision.NewReceipt);
        Assert.Equal((CheckoutSessionStatus.AwaitingAsyncPayment, "pi_test_1"), (record.Status, record.PaymentIntentId));
        Assert.Same(record, decision.ChangedRecord);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
    }

    [Fact]
    public void A_completed_session_that_needed_no_payment_changes_nothing()
    {
        var invoice = Invoice();

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice, paymentStatus: "no_payment_required")), new PaymentState(invoice));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Null(decision.NewReceipt);
        Assert.Null(decision.ChangedInvoice);
    }

    [Fact]
    public void A_session_record_of_another_invoice_is_not_moved()
    {
        var invoice = Invoice();

        var decision = Decide(Event(PaymentRules.CheckoutCompleted, Session(invoice)), new PaymentState(invoice, Record: null));

        Assert.NotNull(decision.NewReceipt);
        Assert.Null(decision.ChangedRecord);
    }
}
