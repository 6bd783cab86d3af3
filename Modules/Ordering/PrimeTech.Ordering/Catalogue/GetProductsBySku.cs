using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>Contract query: products by SKU, active or not (Storage's demo releases find the demo products this way).</summary>
public static class GetProductsBySkuHandler
{
    public static async Task<ProductSummaries> Handle(GetProductsBySku query, IQuerySession session, CancellationToken ct)
    {
        var skus = query.Skus.Select(s => s.Trim().ToUpperInvariant()).Distinct().ToArray();
        var products = await session.Query<Product>().Where(p => skus.Contains(p.Sku)).ToListAsync(ct);
        return new ProductSummaries(products
            .Select(p => new ProductInfo(p.Id, p.Sku, p.Slug, p.Name, p.IsLicensed, p.IsActive))
            .ToList());
    }
}
