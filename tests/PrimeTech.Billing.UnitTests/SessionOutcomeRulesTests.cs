using Stripe;
using static PrimeTech.Billing.UnitTests.Given;

namespace PrimeTech.Billing.UnitTests;

/// <summary>Failed and expired sessions, events out of order, and events the site does not act on.</summary>
public sealed class SessionOutcomeRulesTests
{
    [Fact]
    public void A_failed_async_payment_of_an_unpaid_invoice_tells_the_order_and_closes_the_session()
    {
        var invoice = Invoice();
        var record = Record(invoice, status: CheckoutSessionStatus.AwaitingAsyncPayment);

        var decision = Decide(Event(PaymentRules.AsyncPaymentFailed, Session(invoice, paymentStatus: "unpaid")), new PaymentState(invoice, record));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        Assert.Equal(CheckoutSessionStatus.PaymentFailed, record.Status);
        var failed = Assert.IsType<PaymentAttemptFailed>(Assert.Single(decision.Messages));
        Assert.Equal((invoice.OrderId, "Failed", new DateTimeOffset(StripeCreated)), (failed.OrderId, failed.Reason, failed.At));
    }

    [Fact]
    public void A_failure_that_arrives_after_the_payment_was_confirmed_moves_nothing_back()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var record = Record(invoice, status: CheckoutSessionStatus.Paid);

        var decision = Decide(Event(PaymentRules.AsyncPaymentFailed, Session(invoice, paymentStatus: "unpaid")), new PaymentState(invoice, record));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Equal(CheckoutSessionStatus.Paid, record.Status);
        Assert.Null(decision.ChangedRecord);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void A_failure_for_a_session_the_site_has_no_record_of_still_tells_the_order()
    {
        var invoice = Invoice();

        var decision = Decide(Event(PaymentRules.AsyncPaymentFailed, Session(invoice, paymentStatus: "unpaid")), new PaymentState(invoice));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        Assert.IsType<PaymentAttemptFailed>(Assert.Single(decision.Messages));
    }

    [Fact]
    public void An_expired_session_of_an_unpaid_invoice_with_no_other_open_session_tells_the_order()
    {
        var invoice = Invoice();
        var record = Record(invoice);

        var decision = Decide(Event(PaymentRules.SessionExpired, Session(invoice, paymentStatus: "unpaid")),
            new PaymentState(invoice, record, OtherOpenSessions: [record]));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        Assert.Equal(CheckoutSessionStatus.Expired, record.Status);
        Assert.Equal("Expired", Assert.IsType<PaymentAttemptFailed>(Assert.Single(decision.Messages)).Reason);
    }

    [Fact]
    public void An_expired_session_while_another_session_is_still_open_does_not_tell_the_order()
    {
        var invoice = Invoice();
        var record = Record(invoice);
        var newer = Record(invoice, "cs_test_2", expiresAt: Now.AddMinutes(30));

        var decision = Decide(Event(PaymentRules.SessionExpired, Session(invoice, paymentStatus: "unpaid")),
            new PaymentState(invoice, record, OtherOpenSessions: [newer]));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void Another_open_session_already_past_its_expiry_does_not_count_as_open()
    {
        var invoice = Invoice();
        var stale = Record(invoice, "cs_test_2", expiresAt: Now.AddMinutes(-1));

        var decision = Decide(Event(PaymentRules.SessionExpired, Session(invoice, paymentStatus: "unpaid")),
            new PaymentState(invoice, Record(invoice), OtherOpenSessions: [stale]));

        Assert.IsType<PaymentAttemptFailed>(Assert.Single(decision.Messages));
    }

    [Fact]
    public void An_expiry_of_a_session_already_expired_changes_nothing()
    {
        var invoice = Invoice();
        var record = Record(invoice, status: CheckoutSessionStatus.Expired);

        var decision = Decide(Event(PaymentRules.SessionExpired, Session(invoice, paymentStatus: "unpaid")), new PaymentState(invoice, record));

        Assert.Equal(WebhookOutcome.NoChange, decision.Outcome);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void An_expiry_after_the_invoice_was_paid_tells_the_order_nothing()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var record = Record(invoice, "cs_test_2");

        var decision = Decide(Event(PaymentRules.SessionExpired, Session(invoice, paymentStatus: "unpaid", id: "cs_test_2")),
            new PaymentState(invoice, record));

        Assert.Equal(WebhookOutcome.Processed, decision.Outcome);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void An_event_of_a_type_the_site_does_not_act_on_is_only_recorded()
    {
        var decision = Decide(Event("customer.updated", new Customer { Id = "cus_1" }), PaymentState.NoInvoice);

        Assert.Equal(WebhookOutcome.Unhandled, decision.Outcome);
        Assert.Null(decision.NewReceipt);
        Assert.Empty(decision.Messages);
    }

    [Theory]
    [InlineData(PaymentRules.CheckoutCompleted)]
    [InlineData(PaymentRules.ChargeRefunded)]
    public void A_payment_event_without_the_object_its_type_promises_needs_attention(string type)
    {
        var decision = Decide(Event(type, new Customer { Id = "cus_1" }), PaymentState.NoInvoice);

        Assert.Equal(WebhookOutcome.NeedsAttention, decision.Outcome);
        Assert.Equal("The event does not carry the object its type promises.", decision.Error);
    }
}
