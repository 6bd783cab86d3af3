using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>Contract query: products by id, active or not (other modules show names and check flags).</summary>
public static class GetProductSummariesHandler
{
    public static async Task<ProductSummaries> Handle(GetProductSummaries query, IDocumentSession session, CancellationToken ct)
    {
        var products = await session.LoadManyAsync<Product>(ct, query.ProductIds.Distinct().ToArray());
        return new ProductSummaries(products
            .Select(p => new ProductInfo(p.Id, p.Sku, p.Slug, p.Name, p.IsLicensed, p.IsActive))
            .ToList());
    }
}
