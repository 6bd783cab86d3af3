using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Orders;

/// <summary>The customer cancels their pending order; Billing voids its invoice (which keeps its number).</summary>
public sealed record CancelOrder(string OrderNumber, Guid CustomerId);

public static class CancelOrderHandler
{
    public static async Task<(OrderDetail, OrderCancelled)> Handle(
        CancelOrder command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var order = await OrderAccess.OwnAsync(session, command.OrderNumber, command.CustomerId, ct);
        await TransactionLock.AcquireAsync(session, LockScopes.Order, order.Id, ct);
        order = await session.LoadAsync<Order>(order.Id, ct) ?? order;

        var now = clock.GetUtcNow();
        order.Cancel(CancellationReason.Customer, now);
        session.Store(order);
        return (OrderDetail.From(order), Cancelled(order));
    }

    public static OrderCancelled Cancelled(Order order) =>
        new(order.Id, order.Number, order.CustomerId, order.CancellationReason!.Value.ToString(), order.CancelledAt!.Value);
}

public sealed class CancelOrderEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/orders/{number}/cancel", (string number, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<OrderDetail>(new CancelOrder(number, http.User.RequiredUserId()), http.RequestAborted))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Orders");
}
