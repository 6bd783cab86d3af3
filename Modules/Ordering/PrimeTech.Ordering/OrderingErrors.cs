namespace PrimeTech.Ordering;

public static class OrderingErrors
{
    public static readonly ErrorCode DuplicateValue = new("DUPLICATE_VALUE", 409, "That value is already in use.");
    public static readonly ErrorCode CartEmpty = new("CART_EMPTY", 409, "Your cart is empty.");
    public static readonly ErrorCode CartChanged = new("CART_CHANGED", 409, "Your cart has changed.");
    public static readonly ErrorCode ProductInactive = new("PRODUCT_INACTIVE", 409, "This product is no longer available.");
    public static readonly ErrorCode OrderNotPending = new("ORDER_NOT_PENDING", 409, "This order is not awaiting payment.");
}
