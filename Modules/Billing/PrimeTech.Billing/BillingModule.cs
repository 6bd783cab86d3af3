using Marten.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Billing.Invoices;
using PrimeTech.BuildingBlocks.Configuration;
using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Billing;

public static class BillingModule
{
    public const string Schema = "billing";

    public static IServiceCollection AddBillingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SellerOptions>(SellerOptions.Section);

        services.AddModuleStore<IBillingStore>(Schema, options =>
        {
            options.AddNumberSeriesTable();
            options.Schema.For<Invoice>()
                .UseOptimisticConcurrency(true)
                .UniqueIndex(UniqueIndexType.Computed, "ux_invoice_number", x => x.Number)
                .UniqueIndex(UniqueIndexType.Computed, "ux_invoice_order_id", x => x.OrderId)
                .UniqueIndex(UniqueIndexType.Computed, "ux_invoice_order_number", x => x.OrderNumber)
                .Index(x => x.CustomerId, i => i.Name = "ix_invoice_customer_id")
                .Index(x => x.IssuedAt, i => i.Name = "ix_invoice_issued_at");
            options.Schema.For<CancelledBeforeInvoice>();
        });
        return services;
    }
}
