using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;
using PrimeTech.Ordering.Contracts;
using Wolverine.Marten;

namespace PrimeTech.Ordering.Orders;

/// <summary>
/// Turn the customer's cart, at the revision they saw, into an order awaiting payment.
/// Answered with <see cref="PlacedOrder"/>; a repeat for the same revision returns the same order
/// (with the billing details it was placed with).
/// </summary>
public sealed record PlaceOrder(Guid CustomerId, string Email, string Name, long CartRevision, OrderBillingDetails BillingDetails);

public sealed record PlacedOrder(Guid OrderId, string OrderNumber, bool Replayed, OrderPlaced Snapshot);

/// <summary>
/// One transaction in the Ordering store, in Wolverine's compound shape. <c>LoadAsync</c> locks the
/// customer's cart (so a double submit queues behind the first and then finds its order) and reads
/// what the decision needs: the order already placed from this revision, or else the cart's products
/// and a free order number. <c>Handle</c> decides without I/O: the same order again, a refusal, or a
/// new order priced from the current products, inserted with the cart emptied, and — through the
/// durable outbox, committed with the order — <see cref="OrderPlaced"/> (Billing's safety net for
/// the invoice) and <see cref="ExpirePendingOrder"/>. The unique indexes on (customer, revision) and
/// on the number back the lock up; the write-conflict policy runs the message again if one fires.
/// </summary>
public static class PlaceOrderHandler
{
    public static async Task<PlaceOrderLoad> LoadAsync(PlaceOrder command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var cart = await CartRules.LockAndLoadAsync(session, command.CustomerId, ct);
        var existing = await session.Query<Order>()
            .FirstOrDefaultAsync(o => o.CustomerId == command.CustomerId && o.CartRevision == command.CartRevision, ct);
        var now = clock.GetUtcNow();
        if (existing is not null || cart.Lines.Count == 0 || cart.Revision != command.CartRevision)
            return new PlaceOrderLoad(cart, existing, Products: new Dictionary<Guid, Product>(), FreeNumber: "", now);

        var products = (await session.LoadManyAsync<Product>(ct, cart.Lines.Select(l => l.ProductId).ToArray())).ToDictionary(p => p.Id);
        return new PlaceOrderLoad(cart, null, products, await NewNumberAsync(session, now, ct), now);
    }

    public static (PlacedOrder, IEnumerable<IMartenOp>, OutgoingMessages) Handle(
        PlaceOrder command, PlaceOrderLoad loaded, IOptions<OrderOptions> options)
    {
        if (loaded.Existing is { } existing)
            return existing.IsPending
                ? (Placed(existing, replayed: true), [], [])
                : throw new DomainException(OrderingErrors.OrderNotPending,
                    $"Order {existing.Number} was already placed from this cart and is no longer awaiting payment.");

        var cart = loaded.Cart;
        if (cart.Lines.Count == 0)
            throw new DomainException(OrderingErrors.CartEmpty, "Your cart is empty.");
        if (cart.Revision != command.CartRevision)
            throw new DomainException(OrderingErrors.CartChanged, "Your cart changed in another window. Check it and check out again.");

        var lines = OrderPricing.Lines(cart.Lines, loaded.Products);
        var now = loaded.Now;
        var order = new Order
        {
            Id = Guid.NewGuid(),
            Number = loaded.FreeNumber,
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
        cart.Lines.Clear();
        cart.Changed(now);

        var placed = Placed(order, replayed: false);
        var messages = new OutgoingMessages { placed.Snapshot };
        messages.Delay(new ExpirePendingOrder(order.Id), options.Value.PendingExpiry);
        return (placed, [MartenOps.Insert(order), MartenOps.Store(cart)], messages);
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

/// <summary>
/// What PlaceOrder's Load step found: the customer's cart (locked), the order already placed from
/// the revision sent, and — only when a new order may follow — the cart's products and a free number
/// (drawn for <see cref="Now"/>, the instant the order is placed at).
/// </summary>
public sealed record PlaceOrderLoad(Cart Cart, Order? Existing, IReadOnlyDictionary<Guid, Product> Products, string FreeNumber, DateTimeOffset Now);
