using PrimeTech.BuildingBlocks.Persistence;
using Wolverine.Marten;
using static PrimeTech.Billing.UnitTests.Given;

namespace PrimeTech.Billing.UnitTests;

/// <summary>What the webhook handler's pure step writes for a decision, and in which order.</summary>
public sealed class StripeEventEffectsTests
{
    [Fact]
    public void A_confirmed_payment_records_the_event_stores_the_invoice_and_numbers_the_new_receipt_last()
    {
        var invoice = Invoice();
        var record = Record(invoice);
        var stripeEvent = Event(PaymentRules.CheckoutCompleted, Session(invoice));
        var recorded = StripeEventRecorder.New(stripeEvent, "{}", Now);

        var (effects, messages) = StripeEventRecorder.Decide(
            new StripeEventToDecide(stripeEvent, recorded, IsNew: true, new PaymentState(invoice, record), Now));

        var written = effects.ToList();
        Assert.Same(recorded, Assert.IsType<InsertDoc<StripeWebhookEvent>>(written[0]).Document);
        Assert.Equal((WebhookOutcome.Processed, 1, Now), (recorded.Outcome, recorded.Attempts, recorded.LastProcessedAt));
        Assert.Equal((invoice.OrderNumber, invoice.Number), (recorded.OrderNumber, recorded.InvoiceNumber));
        Assert.Same(invoice, Assert.IsType<StoreDoc<Invoice>>(written[1]).Document);
        Assert.Same(record, Assert.IsType<StoreDoc<CheckoutSessionRecord>>(written[2]).Document);
        var receipt = (Receipt)Assert.IsType<InsertDoc<Receipt>>(written[^2]).Document;
        var numbering = Assert.IsType<AssignNumberLast>(written[^1]);
        Assert.Equal("RCP-2026", numbering.Series);
        Assert.Equal(new NumberTarget("mt_doc_receipt", "number", receipt.Id), Assert.Single(numbering.Targets));
        Assert.Contains(new AnnounceReceipt(receipt.Id), messages);
    }

    [Fact]
    public void A_failed_event_processed_again_that_changes_nothing_only_stores_its_record()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        var stripeEvent = Event(PaymentRules.CheckoutCompleted, Session(invoice));
        var recorded = StripeEventRecorder.New(stripeEvent, "{}", Now);
        recorded.Outcome = WebhookOutcome.Failed;
        recorded.Attempts = 1;

        var (effects, messages) = StripeEventRecorder.Decide(
            new StripeEventToDecide(stripeEvent, recorded, IsNew: false, new PaymentState(invoice, Receipt: Receipt(invoice)), Now));

        Assert.Same(recorded, Assert.IsType<StoreDoc<StripeWebhookEvent>>(Assert.Single(effects)).Document);
        Assert.Equal((WebhookOutcome.NoChange, 2), (recorded.Outcome, recorded.Attempts));
        Assert.Empty(messages);
    }
}
