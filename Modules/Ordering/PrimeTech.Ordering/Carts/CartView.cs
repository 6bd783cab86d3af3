using PrimeTech.BuildingBlocks.Money;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Ordering.Carts;

/// <summary>The cart as shown: current prices, VAT per line (half-up), totals that are the sums of the lines.</summary>
public sealed record CartView(
    long Revision,
    string Currency,
    IReadOnlyList<CartLineView> Lines,
    long NetPence,
    long VatPence,
    long GrossPence,
    int ItemCount,
    bool HasUnavailableLines)
{
    public static async Task<CartView> BuildAsync(Cart? cart, IQuerySession session, CancellationToken ct)
    {
        if (cart is null || cart.Lines.Count == 0)
            return new CartView(cart?.Revision ?? 0, "GBP", [], 0, 0, 0, 0, false);

        var products = (await session.LoadManyAsync<Product>(ct, cart.Lines.Select(l => l.ProductId).ToArray()))
            .ToDictionary(p => p.Id);
        var lines = cart.Lines.Select(line =>
        {
            var product = products.GetValueOrDefault(line.ProductId);
            var unitNet = product?.UnitPriceNetPence ?? 0;
            var rate = product?.VatRatePercent ?? 0;
            var net = unitNet * line.Quantity;
            var vat = Vat.On(net, rate);
            return new CartLineView(
                line.Sku, product?.Slug ?? "", product?.Name ?? line.Sku, line.Quantity, unitNet, Vat.Gross(unitNet, rate), rate,
                net, vat, net + vat, product?.IsActive == true);
        }).ToList();

        return new CartView(
            cart.Revision, "GBP", lines,
            lines.Sum(l => l.NetPence), lines.Sum(l => l.VatPence), lines.Sum(l => l.GrossPence),
            lines.Sum(l => l.Quantity), lines.Any(l => !l.IsAvailable));
    }
}

public sealed record CartLineView(
    string Sku,
    string Slug,
    string Name,
    int Quantity,
    long UnitPriceNetPence,
    long UnitPriceGrossPence,
    decimal VatRatePercent,
    long NetPence,
    long VatPence,
    long GrossPence,
    bool IsAvailable);
