using Marten;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.Licensing.Entitlements;
using Wolverine;
using Wolverine.Tracking;

namespace PrimeTech.Licensing.Tests;

/// <summary>
/// Made-up paid and refunded orders, published through Wolverine as Billing will publish them,
/// and the Licensing documents they lead to.
/// </summary>
public sealed class Purchases(AppFixture app)
{
    public static PaidLine Licensed(int quantity = 1, string? name = null) => Line(true, quantity, name);

    public static PaidLine Unlicensed(int quantity = 1, string? name = null) => Line(false, quantity, name);

    private static PaidLine Line(bool licensed, int quantity, string? name)
    {
        var sku = "T-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        return new PaidLine(Guid.NewGuid(), sku, name ?? $"Product {sku}", licensed, quantity);
    }

    public static PaymentConfirmed Paid(Guid? customerId = null, string? email = null, params PaidLine[] lines)
    {
        var customer = customerId ?? Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        return new PaymentConfirmed(Guid.NewGuid(), DatedReference.New("ORD", now), "INV-2026-000001", "RCP-2026-000001",
            customer, email ?? $"Buyer-{customer:N}@Example.test", "Ada Lovelace", 5999, "GBP", now,
            lines.Length == 0 ? [Licensed()] : lines);
    }

    public static PaymentRefunded Refund(PaymentConfirmed paid) => new(
        paid.OrderId, paid.OrderNumber, paid.InvoiceNumber, paid.ReceiptNumber, paid.CustomerId, paid.AmountPence, paid.PaidAt,
        DateTimeOffset.UtcNow);

    /// <summary>Publishes the events (as Billing's outbox would) and waits until every handler and cascade has finished.</summary>
    public Task<ITrackedSession> PublishAsync(params object[] events) =>
        app.Host.TrackActivity()
            .Timeout(TimeSpan.FromSeconds(60))
            .DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async context =>
            {
                foreach (var e in events) await context.PublishAsync(e);
            }));

    /// <summary>A paid order with one licence (by default), and that licence.</summary>
    public async Task<(PaymentConfirmed Paid, Licence Licence)> LicenceAsync(Guid? customerId = null, string? email = null)
    {
        var paid = Paid(customerId, email, Licensed());
        await PublishAsync(paid);
        return (paid, (await LicencesAsync(paid.OrderId)).Single());
    }

    public async Task<IReadOnlyList<Licence>> LicencesAsync(Guid orderId)
    {
        await using var session = Store.QuerySession();
        return await session.Query<Licence>().Where(l => l.OrderId == orderId).OrderBy(l => l.Key).ToListAsync();
    }

    public async Task<Licence> LicenceAsync(string key)
    {
        await using var session = Store.QuerySession();
        return await session.Query<Licence>().SingleAsync(l => l.Key == key);
    }

    public async Task<IReadOnlyList<Entitlement>> EntitlementsAsync(Guid orderId)
    {
        await using var session = Store.QuerySession();
        return await session.Query<Entitlement>().Where(e => e.OrderId == orderId).ToListAsync();
    }

    public async Task<OrderGrant?> GrantAsync(Guid orderId)
    {
        await using var session = Store.QuerySession();
        return await session.LoadAsync<OrderGrant>(orderId);
    }

    private ILicensingStore Store => app.Host.Services.GetRequiredService<ILicensingStore>();
}
