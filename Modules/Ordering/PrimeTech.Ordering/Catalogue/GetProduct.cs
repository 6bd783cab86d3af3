namespace PrimeTech.Ordering.Catalogue;

/// <summary>One active product by its slug; unknown or inactive → NOT_FOUND.</summary>
public sealed record GetProduct(string Slug);

public static class GetProductHandler
{
    public static async Task<ProductDetail> Handle(GetProduct query, IDocumentSession session, CancellationToken ct)
    {
        var slug = (query.Slug ?? "").Trim().ToLowerInvariant();
        var product = await session.Query<Product>().FirstOrDefaultAsync(p => p.Slug == slug && p.IsActive, ct);
        return product is null ? throw DomainException.NotFound("The product") : ProductDetail.From(product);
    }
}

public sealed class GetProductEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/products/{slug}", (string slug, IMessageBus bus, CancellationToken ct) =>
                bus.InvokeAsync<ProductDetail>(new GetProduct(slug), ct))
            .WithTags("Catalogue");
}
