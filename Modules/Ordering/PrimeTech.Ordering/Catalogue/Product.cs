using PrimeTech.BuildingBlocks.Money;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>
/// Something the shop sells. Prices are stored excluding VAT, with the product's VAT rate.
/// The description is kept as written (Markdown) and as sanitised HTML rendered when saved.
/// </summary>
public sealed class Product
{
    public Guid Id { get; set; }
    /// <summary>Immutable after creation.</summary>
    public string Sku { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Summary { get; set; } = "";
    public string DescriptionMarkdown { get; set; } = "";
    public string DescriptionHtml { get; set; } = "";
    public long UnitPriceNetPence { get; set; }
    public decimal VatRatePercent { get; set; }
    /// <summary>Quantity N of a licensed product gives N licences.</summary>
    public bool IsLicensed { get; set; }
    /// <summary>Inactive: hidden from the catalogue, cannot be added or checked out.</summary>
    public bool IsActive { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public long UnitPriceGrossPence() => Vat.Gross(UnitPriceNetPence, VatRatePercent);
}
