using PrimeTech.Licensing.Contracts;

namespace PrimeTech.Licensing.Entitlements;

/// <summary>Contract queries for Storage's download flows: what a customer may download.</summary>
public static class GetActiveEntitlementsHandler
{
    public static async Task<ActiveEntitlements> Handle(GetActiveEntitlements query, IQuerySession session, CancellationToken ct)
    {
        var productIds = await session.Query<Entitlement>()
            .Where(e => e.UserId == query.UserId && e.Status == EntitlementStatus.Active)
            .Select(e => e.ProductId)
            .ToListAsync(ct);
        return new ActiveEntitlements(productIds.Distinct().ToList());
    }
}

public static class HasActiveEntitlementHandler
{
    public static Task<bool> Handle(HasActiveEntitlement query, IQuerySession session, CancellationToken ct) =>
        session.Query<Entitlement>()
            .AnyAsync(e => e.UserId == query.UserId && e.ProductId == query.ProductId && e.Status == EntitlementStatus.Active, ct);
}
