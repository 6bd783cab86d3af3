namespace PrimeTech.Ordering.Contracts;

/// <summary>Products by SKU (active or not), for modules that know products by their SKU (the demo releases of <c>seed</c>).</summary>
public sealed record GetProductsBySku(IReadOnlyList<string> Skus);
