using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Ordering.UnitTests;

internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static Product Product(long unitNetPence, decimal vatRate = 20m, bool active = true, string sku = "PT-PRO") => new()
    {
        Id = Guid.NewGuid(), Sku = sku, Name = $"Product {sku}", UnitPriceNetPence = unitNetPence, VatRatePercent = vatRate,
        IsActive = active, IsLicensed = true,
    };

    public static CartLine LineOf(Product product, int quantity) => new() { ProductId = product.Id, Sku = product.Sku, Quantity = quantity };

    public static Dictionary<Guid, Product> ProductsById(params Product[] products) => products.ToDictionary(p => p.Id);

    public static Order PendingOrder() => new()
    {
        Id = Guid.NewGuid(), Number = "ORD-20260310-AAAA", Status = OrderStatus.PendingPayment, CreatedAt = Now,
        History = [new OrderStatusChange { At = Now, To = OrderStatus.PendingPayment, By = ChangedBy.Customer }],
    };

    public static Order PaidOrder()
    {
        var order = PendingOrder();
        order.MarkPaid("RCP-1", Now.AddMinutes(5));
        return order;
    }
}
