namespace PrimeTech.Ordering.Contracts;

/// <summary>Names and flags of products by id, for modules that show or check products (releases, dashboards).</summary>
public sealed record GetProductSummaries(IReadOnlyList<Guid> ProductIds);

public sealed record ProductSummaries(IReadOnlyList<ProductInfo> Items);

public sealed record ProductInfo(Guid Id, string Sku, string Slug, string Name, bool IsLicensed, bool IsActive);

/// <summary>Orders placed, paid and cancelled on a London calendar day (admin dashboard).</summary>
public sealed record GetOrderFigures(DateOnly Day);

public sealed record OrderFigures(int Placed, int Paid, int Cancelled);
