using PrimeTech.Billing.Contracts;
using PrimeTech.Licensing.Contracts;

namespace PrimeTech.Licensing.Grants;

/// <summary>
/// A partial refund revokes the licences of the refunded units the admin chose (<c>Revoked</c>,
/// reason <c>Refunded</c>, activation kept for the record); the others stay active. Idempotent: a
/// licence already revoked is left as it is. A refund of everything left also sends
/// <c>PaymentRefunded</c>, which revokes the rest.
/// </summary>
public static class RevokeOnCreditNoteIssuedHandler
{
    public static async Task Handle(CreditNoteIssued issued, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (issued.RevokedLicenceKeys.Count == 0) return;
        var keys = issued.RevokedLicenceKeys.ToList();
        var licences = await session.Query<Licence>()
            .Where(l => l.OrderId == issued.OrderId && keys.Contains(l.Key)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var licence in licences)
            if (licence.RevokeForRefund(now))
                session.Update(licence);
    }
}

/// <summary>Contract query: the licences of an order by its number, revoked or not.</summary>
public static class GetOrderLicencesHandler
{
    public static async Task<OrderLicences> Handle(GetOrderLicences query, IQuerySession session, CancellationToken ct)
    {
        var licences = await session.Query<Licence>().Where(l => l.OrderNumber == query.OrderNumber)
            .OrderBy(l => l.ProductSku).ThenBy(l => l.Key).ToListAsync(ct);
        return new OrderLicences(licences.Select(l => new OrderLicence(l.Key, l.ProductSku, l.IsRevoked)).ToList());
    }
}
