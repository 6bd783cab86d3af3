using Microsoft.Extensions.Options;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Licensing.Entitlements;

namespace PrimeTech.Licensing.Grants;

/// <summary>
/// A paid order gives its customer an entitlement per product and, for licensed products, one
/// licence per unit (a fresh key each, <c>Active</c>, one activation), all in one transaction
/// with the <see cref="OrderGrant"/> that makes the event idempotent, and the "Your licence keys"
/// email through the outbox. An order already granted, or refunded before this arrived, gets nothing.
/// </summary>
public static class GrantOnPaymentConfirmedHandler
{
    public static async Task<OutgoingMessages> Handle(
        PaymentConfirmed paid, IDocumentSession session, LicenceKeySource keys, TimeProvider clock, IOptions<SiteOptions> site,
        CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        if (await session.LoadAsync<OrderGrant>(paid.OrderId, ct) is not null)
            return messages;

        var now = clock.GetUtcNow();
        session.Insert(new OrderGrant
        {
            Id = paid.OrderId,
            OrderNumber = paid.OrderNumber,
            CustomerId = paid.CustomerId,
            Status = OrderGrantStatus.Granted,
            GrantedAt = now,
        });

        var email = paid.CustomerEmail.Trim().ToLowerInvariant();
        var licences = new List<Licence>();
        foreach (var product in paid.Lines.GroupBy(l => l.ProductId))
        {
            var line = product.First();
            session.Insert(new Entitlement
            {
                Id = Guid.NewGuid(),
                UserId = paid.CustomerId,
                UserEmail = email,
                ProductId = line.ProductId,
                ProductSku = line.Sku,
                ProductName = line.Name,
                OrderId = paid.OrderId,
                OrderNumber = paid.OrderNumber,
                Status = EntitlementStatus.Active,
                GrantedAt = now,
            });
            if (!line.IsLicensed) continue;
            for (var i = 0; i < product.Sum(l => l.Quantity); i++)
                licences.Add(Licence.Issue(keys.Next(), paid.CustomerId, email, line.ProductId, line.Sku, line.Name,
                    paid.OrderId, paid.OrderNumber, now));
        }

        if (licences.Count > 0)
        {
            session.Insert<Licence>(licences);
            messages.Add(LicenceKeysEmail.Compose(paid, licences, site.Value));
        }
        return messages;
    }
}
