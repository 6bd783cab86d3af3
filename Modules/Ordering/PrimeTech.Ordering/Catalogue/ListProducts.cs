using Microsoft.Extensions.DependencyInjection;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>The catalogue: active products by name.</summary>
public sealed record ListProducts;

public static class ListProductsHandler
{
    public static async Task<ProductList> Handle(ListProducts _, IDocumentSession session, CancellationToken ct)
    {
        var products = await session.Query<Product>().Where(p => p.IsActive).OrderBy(p => p.Name).ToListAsync(ct);
        return new ProductList(products.Select(ProductSummary.From).ToList());
    }
}

public sealed class ListProductsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/products", (IMessageBus bus, CancellationToken ct) => bus.InvokeAsync<ProductList>(new ListProducts(), ct))
            .CacheOutput(CatalogueCache.PolicyName)
            .WithTags("Catalogue");
}
