namespace PrimeTech.Ordering;

/// <summary>The things Ordering serialises writers of (see BuildingBlocks' TransactionLock).</summary>
internal static class LockScopes
{
    public const string Cart = "ordering.cart";
}
