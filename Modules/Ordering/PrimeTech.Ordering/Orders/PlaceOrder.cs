using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Orders;

/// <summary>
/// Turn the customer's cart, at the revision they saw, into an order awaiting payment.
/// Answered with <see cref="PlacedOrder"/>; a repeat for the same revision returns the same order
/// (with the billing details it was placed with).
/// </summary>
public sealed record PlaceOrder(Guid CustomerId, string Email, string Name, long CartRevision, OrderBillingDetails BillingDetails);

public sealed record PlacedOrder(Guid OrderId, string OrderNumber, bool Replayed, OrderPlaced Snapshot);

/// <summary>
/// One transaction in the Ordering store, under the customer's cart lock (so a double submit
/// queues behind the first and then finds its order): snapshot the lines from the current
/// products, insert the order, empty the cart, and — through the durable outbox, committed with
/// the order — publish <see cref="OrderPlaced"/> (Billing's safety net for the invoice) and
/// schedule <see cref="ExpirePendingOrder"/>. The unique indexes on (customer, revision) and on
/// the number back the lock up; the checkout flow retries in a fresh session if one fires.
/// </summary>
public static class PlaceOrderHandler
{
    public static async Task<(PlacedOrder, OutgoingMessages)> Handle(
        PlaceOrder command, IDocumentSession session, TimeProvider clock, IOptions<OrderOptions> options, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var cart = await CartRules.LockAndLoadAsync(session, command.CustomerId, ct);

        var existing = await session.Query<Order>()
            .FirstOrDefaultAsync(o => o.CustomerId == command.CustomerId && o.CartRevision == command.CartRevision, ct);
        if (existing is not null)
        {
            if (!existing.IsPending)
                throw new DomainException(OrderingErrors.OrderNotPending,
                    $"Order {existing.Number} was already placed from this cart and is no longer awaiting payment.");
            return (Placed(existing, replayed: true), messages);
        }

        if (cart.Lines.Count == 0)
            throw new DomainException(OrderingErrors.CartEmpty, "Your cart is empty.");
        if (cart.Revision != command.CartRevision)
            throw new DomainException(OrderingErrors.CartChanged, "Your cart changed in another window. Check it and check out again.");

        var products = (await session.LoadManyAsync<Product>(ct, cart.Lines.Select(l => l.ProductId).ToArray())).ToDictionary(p => p.Id);
        var lines = OrderPricing.Lines(cart.Lines, products);

        var now = clock.GetUtcNow();
        var order = new Order
        {
            Id = Guid.NewGuid(),
            Number = await NewNumberAsync(session, now, ct),
            CustomerId = command.CustomerId,
            CustomerEmail = command.Email,
            CustomerName = command.Name,
            BillingDetails = command.BillingDetails,
            CartRevision = cart.Revision,
            Status = OrderStatus.PendingPayment,
            Lines = lines,
            NetPence = lines.Sum(l => l.NetPence),
            VatPence = lines.Sum(l => l.VatPence),
            GrossPence = lines.Sum(l => l.GrossPence),
            CreatedAt = now,
            History = [new OrderStatusChange { At = now, To = OrderStatus.PendingPayment, By = ChangedBy.Customer }],
        };
        session.Insert(order);

        cart.Lines.Clear();
        cart.Changed(now);
        session.Store(cart);

        var placed = Placed(order, replayed: false);
        messages.Add(placed.Snapshot);
        messages.Delay(new ExpirePendingOrder(order.Id), options.Value.PendingExpiry);
        return (placed, messages);
    }

    /// <summary>ORD-YYYYMMDD-XXXX, drawn again if taken (the unique index decides a race).</summary>
    private static async Task<string> NewNumberAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var candidate = DatedReference.New(Order.NumberPrefix, now);
            if (!await session.Query<Order>().AnyAsync(o => o.Number == candidate, ct))
                return candidate;
        }
        throw new InvalidOperationException("Could not draw a free order number in 5 attempts.");
    }

    public static PlacedOrder Placed(Order order, bool replayed) =>
        new(order.Id, order.Number, replayed, new OrderPlaced(
            order.Id, order.Number, order.CustomerId, order.CustomerEmail, order.CustomerName, order.CreatedAt,
            order.Lines.Select(l => new OrderLineSnapshot(
                l.ProductId, l.Sku, l.Name, l.IsLicensed, l.Quantity, l.UnitPriceNetPence, l.VatRatePercent,
                l.NetPence, l.VatPence, l.GrossPence)).ToList(),
            order.NetPence, order.VatPence, order.GrossPence, order.BillingDetails));
}
