namespace PrimeTech.Ordering.Catalogue;

/// <summary>A product in the catalogue (prices in pence; gross = net + VAT on the unit, for display).</summary>
public sealed record ProductSummary(
    Guid Id, string Sku, string Slug, string Name, string Summary,
    long UnitPriceNetPence, decimal VatRatePercent, long UnitPriceGrossPence, bool IsLicensed, string Currency)
{
    public static ProductSummary From(Product p) =>
        new(p.Id, p.Sku, p.Slug, p.Name, p.Summary, p.UnitPriceNetPence, p.VatRatePercent, p.UnitPriceGrossPence(), p.IsLicensed, "GBP");
}

public sealed record ProductDetail(
    Guid Id, string Sku, string Slug, string Name, string Summary,
    long UnitPriceNetPence, decimal VatRatePercent, long UnitPriceGrossPence, bool IsLicensed, string Currency,
    string DescriptionHtml)
{
    public static ProductDetail From(Product p) =>
        new(p.Id, p.Sku, p.Slug, p.Name, p.Summary, p.UnitPriceNetPence, p.VatRatePercent, p.UnitPriceGrossPence(), p.IsLicensed, "GBP",
            p.DescriptionHtml);
}

public sealed record AdminProduct(
    Guid Id, string Sku, string Slug, string Name, string Summary,
    long UnitPriceNetPence, decimal VatRatePercent, long UnitPriceGrossPence, bool IsLicensed, string Currency,
    string DescriptionMarkdown, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AdminProduct From(Product p) =>
        new(p.Id, p.Sku, p.Slug, p.Name, p.Summary, p.UnitPriceNetPence, p.VatRatePercent, p.UnitPriceGrossPence(), p.IsLicensed, "GBP",
            p.DescriptionMarkdown, p.IsActive, p.CreatedAt, p.UpdatedAt);
}

public sealed record ProductList(IReadOnlyList<ProductSummary> Items);
