using Carter;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Contracts;
using Wolverine;

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

/// <summary>
/// "Pay now" on a pending order (API and pages): the order (Ordering), its one invoice — the
/// existing one (Billing), then the open Checkout Session or, only if the last one expired or
/// failed, a new one (Billing).
/// </summary>
public static class PayOrderFlow
{
    public static async Task<CheckoutResult> RunAsync(IMessageBus bus, Customer customer, string orderNumber, CancellationToken ct)
    {
        if (!customer.EmailVerified)
            throw new DomainException(ErrorCode.EmailNotVerified, "Verify your email address before you pay.");

        var order = await bus.InvokeAsync<OrderPlaced>(new GetOrderForPayment(orderNumber, customer.Id), ct);
        var invoice = await bus.InvokeAsync<IssuedInvoice>(CheckoutFlow.IssueInvoiceFor(order), ct);
        var checkout = await bus.InvokeAsync<CheckoutStarted>(new StartCheckout(order.OrderId, order.OrderNumber, order.CustomerEmail), ct);
        return new CheckoutResult(order.OrderNumber, invoice.InvoiceNumber, checkout.CheckoutUrl);
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
