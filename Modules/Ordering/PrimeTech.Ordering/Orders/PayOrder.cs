using PrimeTech.Ordering.Flows;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Ordering.Orders;

/// <summary>
/// The customer's own pending order as it was placed, to pay it again: NOT_FOUND for anyone else's,
/// ORDER_NOT_PENDING once it is paid, cancelled or refunded. Answered with <see cref="OrderPlaced"/>.
/// </summary>
public sealed record GetOrderForPayment(string OrderNumber, Guid CustomerId);

public static class GetOrderForPaymentHandler
{
    public static async Task<OrderPlaced> Handle(GetOrderForPayment query, IDocumentSession session, CancellationToken ct)
    {
        var order = await OrderAccess.OwnAsync(session, query.OrderNumber, query.CustomerId, ct);
        if (!order.IsPending)
            throw new DomainException(OrderingErrors.OrderNotPending, $"Order {order.Number} is not awaiting payment.");
        return PlaceOrderHandler.Placed(order, replayed: true).Snapshot;
    }
}

public sealed class PayOrderEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/orders/{number}/pay", (string number, HttpContext http, IMessageBus bus) =>
                PayOrderFlow.RunAsync(bus, Customer.From(http.User), number, http.RequestAborted))
            .NoStore()
            .RequireAuthorization(Policies.VerifiedCustomer)
            .WithTags("Orders");
}
