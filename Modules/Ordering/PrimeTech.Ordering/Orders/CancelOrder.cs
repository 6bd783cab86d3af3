using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Ordering.Contracts;
using Wolverine.Marten;

namespace PrimeTech.Ordering.Orders;

/// <summary>The customer cancels their pending order; Billing voids its invoice (which keeps its number).</summary>
public sealed record CancelOrder(string OrderNumber, Guid CustomerId);

public static class CancelOrderHandler
{
    /// <summary>The customer's own order (404 for anyone else's); its version guards the cancellation.</summary>
    public static Task<Order> LoadAsync(CancelOrder command, IDocumentSession session, CancellationToken ct) =>
        OrderAccess.OwnAsync(session, command.OrderNumber, command.CustomerId, ct);

    public static (OrderDetail, OrderCancelled, IEnumerable<IMartenOp>) Handle(CancelOrder _, Order order, TimeProvider clock)
    {
        order.Cancel(CancellationReason.Customer, clock.GetUtcNow());
        return (OrderDetail.From(order), Cancelled(order), StorageEffects.UpdateIf(true, order));
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
