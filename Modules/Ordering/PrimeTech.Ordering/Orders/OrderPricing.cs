using PrimeTech.BuildingBlocks.Money;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Ordering.Orders;

/// <summary>
/// The pure part of placing an order: the cart's lines priced from the current products, VAT
/// rounded half-up per line, and the refusals (a product gone or inactive, a total too large to pay online).
/// </summary>
public static class OrderPricing
{
    /// <summary>Online payment is refused above this (the payment provider's limit).</summary>
    public const long MaxGrossPence = 99_999_999;

    public static List<OrderLine> Lines(IEnumerable<CartLine> cartLines, IReadOnlyDictionary<Guid, Product> products)
    {
        var lines = new List<OrderLine>();
        foreach (var cartLine in cartLines)
        {
            if (!products.TryGetValue(cartLine.ProductId, out var product) || !product.IsActive)
                throw new DomainException(OrderingErrors.ProductInactive,
                    $"{product?.Name ?? cartLine.Sku} is no longer available. Remove it to check out.");
            var net = product.UnitPriceNetPence * cartLine.Quantity;
            var vat = Vat.On(net, product.VatRatePercent);
            lines.Add(new OrderLine
            {
                ProductId = product.Id,
                Sku = product.Sku,
                Name = product.Name,
                IsLicensed = product.IsLicensed,
                UnitPriceNetPence = product.UnitPriceNetPence,
                VatRatePercent = product.VatRatePercent,
                Quantity = cartLine.Quantity,
                NetPence = net,
                VatPence = vat,
                GrossPence = net + vat,
            });
        }

        if (lines.Sum(l => l.GrossPence) > MaxGrossPence)
            throw DomainException.Validation("cart", "Orders over £999,999.99 cannot be paid online");
        return lines;
    }
}
