using PrimeTech.BuildingBlocks.Persistence;
using FluentValidation;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Ordering.Carts;

internal static class CartRules
{
    public const string QuantityRange = "Quantity must be between 1 and 100";

    public static IRuleBuilderOptions<T, int?> ValidQuantity<T>(this IRuleBuilderInitial<T, int?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter a quantity as a whole number")
            .InclusiveBetween(1, Cart.MaxQuantity).WithMessage(QuantityRange);

    public static string NormaliseSku(string? sku) => (sku ?? "").Trim().ToUpperInvariant();

    /// <summary>Locks the customer's cart for this transaction and loads it (a new, empty one if none is stored).</summary>
    public static async Task<Cart> LockAndLoadAsync(IDocumentSession session, Guid customerId, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, LockScopes.Cart, customerId, ct);
        return await session.LoadAsync<Cart>(customerId, ct) ?? new Cart { Id = customerId };
    }

    public static DomainException NotInCart() => new(ErrorCode.NotFound, "That product is not in your cart.");

    public static DomainException Unavailable(Product product) =>
        new(OrderingErrors.ProductInactive, $"{product.Name} is no longer available.");
}
