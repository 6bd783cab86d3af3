using PrimeTech.Billing.Contracts;
using PrimeTech.Licensing.Entitlements;

namespace PrimeTech.Licensing.Grants;

/// <summary>
/// A refunded order loses its entitlements and licences (<c>Revoked</c>, reason <c>Refunded</c>,
/// activation kept for the record). A refund that arrives before the confirmation records the
/// order as revoked, so the confirmation that follows grants nothing.
/// </summary>
public static class RevokeOnPaymentRefundedHandler
{
    public static async Task Handle(PaymentRefunded refunded, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var grant = await session.LoadAsync<OrderGrant>(refunded.OrderId, ct);
        if (grant is null)
        {
            session.Insert(new OrderGrant
            {
                Id = refunded.OrderId,
                OrderNumber = refunded.OrderNumber,
                CustomerId = refunded.CustomerId,
                Status = OrderGrantStatus.Revoked,
                RevokedAt = now,
            });
            return;
        }
        if (grant.Status == OrderGrantStatus.Revoked) return;

        grant.Status = OrderGrantStatus.Revoked;
        grant.RevokedAt = now;
        session.Update(grant);

        var entitlements = await session.Query<Entitlement>().Where(e => e.OrderId == refunded.OrderId).ToListAsync(ct);
        foreach (var entitlement in entitlements.Where(e => e.Status == EntitlementStatus.Active))
        {
            entitlement.Status = EntitlementStatus.Revoked;
            entitlement.RevokedAt = now;
            session.Update(entitlement);
        }

        var licences = await session.Query<Licence>()
            .Where(l => l.OrderNumber == refunded.OrderNumber && l.OrderId == refunded.OrderId).ToListAsync(ct);
        foreach (var licence in licences)
            if (licence.RevokeForRefund(now))
                session.Update(licence);
    }
}
