using Marten.Schema;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Billing.Buyers;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.Payments;
using PrimeTech.Billing.StripeApi;
using PrimeTech.Billing.Webhooks;
using PrimeTech.BuildingBlocks.Configuration;
using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Billing;

public static class BillingModule
{
    public const string Schema = "billing";

    public static IServiceCollection AddBillingModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<SellerOptions>(SellerOptions.Section);
        services.AddValidatedOptions<StripeOptions>(StripeOptions.Section);
        services.AddSingleton<StripeGateway>();
        services.ConfigureWolverine(opts =>
        {
            // Rendering PDFs is CPU work: one document at a time per instance, so a burst of payments
            // leaves the cores to the requests (the webhook answers quickly) and the PDFs follow.
            opts.LocalQueueFor<RenderReceiptPdf>().MaximumParallelMessages(1);
            opts.LocalQueueFor<RenderInvoicePdf>().MaximumParallelMessages(1);
            opts.LocalQueueFor<RenderCreditNotePdf>().MaximumParallelMessages(1);
        });

        services.AddModuleStore<IBillingStore>(Schema, options =>
        {
            options.AddNumberSeriesTable();
            options.Schema.For<Invoice>()
                .UseOptimisticConcurrency(true)
                .UniqueIndex(UniqueIndexType.Computed, "ux_invoice_number", x => x.Number)
                .UniqueIndex(UniqueIndexType.Computed, "ux_invoice_order_id", x => x.OrderId)
                .UniqueIndex(UniqueIndexType.Computed, "ux_invoice_order_number", x => x.OrderNumber)
                .Index(x => x.CustomerId, i => i.Name = "ix_invoice_customer_id")
                .Index(x => x.IssuedAt, i => i.Name = "ix_invoice_issued_at")
                .Index(x => x.PaidAt, i => i.Name = "ix_invoice_paid_at");
            options.Schema.For<CancelledBeforeInvoice>();
            options.Schema.For<AccountBillingDetails>();
            // Receipts and credit notes are versioned: their announcement and rendering
            // each update them, and of two at once the later is run again on the first's result (D-144).
            options.Schema.For<Receipt>()
                .UseOptimisticConcurrency(true)
                .UniqueIndex(UniqueIndexType.Computed, "ux_receipt_number", x => x.Number)
                .UniqueIndex(UniqueIndexType.Computed, "ux_receipt_order_id", x => x.OrderId)
                .UniqueIndex(UniqueIndexType.Computed, "ux_receipt_payment_intent_id", x => x.PaymentIntentId)
                .Index(x => x.IssuedAt, i => i.Name = "ix_receipt_issued_at")
                .Index(x => x.CustomerId, i => i.Name = "ix_receipt_customer_id");
            options.Schema.For<CheckoutSessionRecord>()
                .UseOptimisticConcurrency(true)
                .Index(x => x.InvoiceId, i => i.Name = "ix_checkout_session_invoice_id");
            options.Schema.For<StripeWebhookEvent>()
                .UseOptimisticConcurrency(true)
                .Index(x => x.ReceivedAt, i => i.Name = "ix_webhook_event_received_at")
                .Index(x => x.Outcome, i => i.Name = "ix_webhook_event_outcome")
                .Index(x => x.Type, i => i.Name = "ix_webhook_event_type")
                .Index(x => x.OrderNumber, i => i.Name = "ix_webhook_event_order_number");
            options.Schema.For<Refund>()
                .UseOptimisticConcurrency(true)
                .Index(x => x.OrderId, i => i.Name = "ix_refund_order_id")
                .Index(x => x.StripeRefundId, i =>
                {
                    i.Name = "ux_refund_stripe_refund_id";
                    i.IsUnique = true;
                });
            options.Schema.For<CreditNote>()
                .UseOptimisticConcurrency(true)
                .UniqueIndex(UniqueIndexType.Computed, "ux_credit_note_number", x => x.Number)
                .UniqueIndex(UniqueIndexType.Computed, "ux_credit_note_stripe_refund_id", x => x.StripeRefundId)
                .UniqueIndex(UniqueIndexType.Computed, "ux_credit_note_refund_id", x => x.RefundId)
                .Index(x => x.OrderId, i => i.Name = "ix_credit_note_order_id")
                .Index(x => x.CustomerId, i => i.Name = "ix_credit_note_customer_id")
                .Index(x => x.IssuedAt, i => i.Name = "ix_credit_note_issued_at");
        });
        return services;
    }
}
