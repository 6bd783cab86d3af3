using Microsoft.Extensions.Time.Testing;
using PrimeTech.Billing.Contracts;
using Wolverine.Marten;
using static PrimeTech.Ordering.UnitTests.Given;

namespace PrimeTech.Ordering.UnitTests;

/// <summary>The order's event handlers as plain functions: the order is written back only when an event changed it.</summary>
public sealed class OrderEventHandlerTests
{
    private static PaymentConfirmed Confirmed(Order order) =>
        new(order.Id, order.Number, "INV-2026-000001", "RCP-2026-000007", Guid.NewGuid(), "ada@example.test", "Ada Buyer",
            24_000, "GBP", Now.AddMinutes(3), []);

    [Fact]
    public void A_confirmed_payment_marks_the_pending_order_paid_and_stores_it_once()
    {
        var order = PendingOrder();

        var effects = PaymentConfirmedHandler.Handle(Confirmed(order), order);

        Assert.Same(order, Assert.IsType<UpdateDoc<Order>>(Assert.Single(effects)).Document);
        Assert.Equal((OrderStatus.Paid, "RCP-2026-000007"), (order.Status, order.ReceiptNumber));
        Assert.Empty(PaymentConfirmedHandler.Handle(Confirmed(order), order));
    }

    [Fact]
    public void An_event_for_an_order_that_does_not_exist_writes_nothing() =>
        Assert.Empty(PaymentConfirmedHandler.Handle(Confirmed(PendingOrder()), null));

    [Fact]
    public void An_unpaid_order_expires_into_a_cancellation_and_a_paid_one_is_left_alone()
    {
        var clock = new FakeTimeProvider(Now.AddDays(7));
        var pending = PendingOrder();

        var (cancelled, effects) = ExpirePendingOrderHandler.Handle(new ExpirePendingOrder(pending.Id), pending, clock);

        Assert.Equal((pending.Id, "Expired"), (cancelled!.OrderId, cancelled.Reason));
        Assert.Same(pending, Assert.IsType<UpdateDoc<Order>>(Assert.Single(effects)).Document);
        var paid = PaidOrder();
        var (none, nothing) = ExpirePendingOrderHandler.Handle(new ExpirePendingOrder(paid.Id), paid, clock);
        Assert.Null(none);
        Assert.Empty(nothing);
        Assert.Equal(OrderStatus.Paid, paid.Status);
    }
}
