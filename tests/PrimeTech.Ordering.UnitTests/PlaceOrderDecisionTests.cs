using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;
using PrimeTech.Ordering.Contracts;
using Wolverine;
using Wolverine.Marten;
using static PrimeTech.Ordering.UnitTests.Given;

namespace PrimeTech.Ordering.UnitTests;

/// <summary>Checkout's order step as a plain function: a repeat, a refusal, or a new order with the cart emptied.</summary>
public sealed class PlaceOrderDecisionTests
{
    private static readonly Guid CustomerId = Guid.NewGuid();
    private static readonly IOptions<OrderOptions> Options = Microsoft.Extensions.Options.Options.Create(new OrderOptions());

    private static PlaceOrder Command(long revision) =>
        new(CustomerId, "ada@example.test", "Ada Buyer", revision, new OrderBillingDetails("Ada Buyer", null, "1 High St", null, "Leeds", "LS1 1AA", "GB", null));

    private static (Cart Cart, Product Product) CartWith(int quantity, long revision = 4)
    {
        var product = Product(unitNetPence: 10_000);
        return (new Cart { Id = CustomerId, Revision = revision, Lines = [LineOf(product, quantity)] }, product);
    }

    private static DomainException Refusal(PlaceOrder command, PlaceOrderLoad loaded) =>
        Assert.Throws<DomainException>(() => PlaceOrderHandler.Handle(command, loaded, Options));

    [Fact]
    public void A_new_order_is_priced_from_the_products_numbered_as_drawn_and_empties_the_cart()
    {
        var (cart, product) = CartWith(quantity: 2);

        var (placed, effects, messages) = PlaceOrderHandler.Handle(
            Command(4), new PlaceOrderLoad(cart, null, ProductsById(product), "ORD-20260310-K7QX", Now), Options);

        var written = effects.ToList();
        var order = (Order)Assert.IsType<InsertDoc<Order>>(written[0]).Document;
        Assert.Same(cart, Assert.IsType<StoreDoc<Cart>>(written[1]).Document);
        Assert.Equal(2, written.Count);
        Assert.Equal(("ORD-20260310-K7QX", OrderStatus.PendingPayment, 4L, Now), (order.Number, order.Status, order.CartRevision, order.CreatedAt));
        Assert.Equal((20_000L, 4_000L, 24_000L), (order.NetPence, order.VatPence, order.GrossPence));
        Assert.Equal(("Leeds", "ada@example.test"), (order.BillingDetails!.City, order.CustomerEmail));
        Assert.Empty(cart.Lines);
        Assert.Equal((5L, Now), (cart.Revision, cart.UpdatedAt));
        Assert.Equal((order.Id, order.Number, false), (placed.OrderId, placed.OrderNumber, placed.Replayed));
        Assert.Equal(placed.Snapshot, messages[0]);
        Assert.Equal(order.Id, Assert.IsType<DeliveryMessage<ExpirePendingOrder>>(messages[1]).Message.OrderId);
    }

    [Fact]
    public void A_repeat_of_a_revision_already_placed_returns_the_same_order_and_writes_nothing()
    {
        var (cart, _) = CartWith(quantity: 1, revision: 5);
        var existing = PendingOrder();

        var (placed, effects, messages) = PlaceOrderHandler.Handle(Command(4), new PlaceOrderLoad(cart, existing, ProductsById(), "", Now), Options);

        Assert.Equal((existing.Id, existing.Number, true), (placed.OrderId, placed.OrderNumber, placed.Replayed));
        Assert.Empty(effects);
        Assert.Empty(messages);
    }

    [Fact]
    public void A_repeat_of_a_revision_whose_order_was_paid_is_refused() =>
        Assert.Equal(OrderingErrors.OrderNotPending,
            Refusal(Command(4), new PlaceOrderLoad(new Cart { Id = CustomerId, Revision = 5 }, PaidOrder(), ProductsById(), "", Now)).Error);

    [Fact]
    public void An_empty_cart_is_refused() =>
        Assert.Equal(OrderingErrors.CartEmpty,
            Refusal(Command(4), new PlaceOrderLoad(new Cart { Id = CustomerId, Revision = 4 }, null, ProductsById(), "", Now)).Error);

    [Fact]
    public void A_cart_changed_since_the_customer_saw_it_is_refused_and_left_as_it_is()
    {
        var (cart, product) = CartWith(quantity: 1, revision: 6);

        Assert.Equal(OrderingErrors.CartChanged, Refusal(Command(4), new PlaceOrderLoad(cart, null, ProductsById(product), "", Now)).Error);
        Assert.Equal((1, 6L), (cart.Lines.Count, cart.Revision));
    }
}
