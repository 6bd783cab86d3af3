using Marten.Schema;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.BuildingBlocks.Configuration;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Ordering;

public static class OrderingModule
{
    public const string Schema = "ordering";

    public static IServiceCollection AddOrderingModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<OrderOptions>(OrderOptions.Section);
        services.AddScoped<ISeedStep, DemoCatalogue>();
        services.AddCatalogueCache();

        services.AddModuleStore<IOrderingStore>(Schema, (options, services) =>
        {
            options.NotifyCatalogueChanges(services);
            options.Schema.For<Product>()
                .UseOptimisticConcurrency(true)
                .UniqueIndex(UniqueIndexType.Computed, "ux_product_sku", x => x.Sku)
                .UniqueIndex(UniqueIndexType.Computed, "ux_product_slug", x => x.Slug)
                .Index(x => x.IsActive, i => i.Name = "ix_product_is_active");
            options.Schema.For<Cart>()
                .UseOptimisticConcurrency(true);
            options.Schema.For<Order>()
                .UseOptimisticConcurrency(true)
                .UniqueIndex(UniqueIndexType.Computed, "ux_order_number", x => x.Number)
                .UniqueIndex(UniqueIndexType.Computed, "ux_order_customer_cart_revision", x => x.CustomerId, x => x.CartRevision)
                .Index([x => x.CustomerId, x => x.CreatedAt], i => i.Name = "ix_order_customer_created")
                .Index([x => x.Status, x => x.CreatedAt], i => i.Name = "ix_order_status_created")
                .Index(x => x.CustomerEmail, i =>
                {
                    i.Name = "ix_order_customer_email";
                    i.Casing = ComputedIndex.Casings.Lower;
                });
        });
        return services;
    }
}
