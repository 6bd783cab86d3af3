using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Ordering.Orders;

internal static class OrderAccess
{
    /// <summary>
    /// The customer's own order by number (trimmed, upper-cased). Anything else — a malformed
    /// number, someone else's order — is NOT_FOUND, so existence is never revealed.
    /// </summary>
    public static async Task<Order> OwnAsync(IDocumentSession session, string? number, Guid customerId, CancellationToken ct)
    {
        var order = await ByNumberAsync(session, number, ct);
        return order is not null && order.CustomerId == customerId ? order : throw DomainException.NotFound("The order");
    }

    public static async Task<Order?> ByNumberAsync(IDocumentSession session, string? number, CancellationToken ct) =>
        DatedReference.TryNormalise(Order.NumberPrefix, number, out var normalised)
            ? await session.Query<Order>().FirstOrDefaultAsync(o => o.Number == normalised, ct)
            : null;
}
