using PrimeTech.Ordering.Flows;

namespace PrimeTech.Ordering.Orders;

/// <summary><c>{ orderNumber, invoiceNumber, checkoutUrl }</c>: where the customer goes to pay.</summary>
public sealed record CheckoutResult(string OrderNumber, string InvoiceNumber, string CheckoutUrl);

/// <summary>The result and whether this request created the order (201) or repeated one (200).</summary>
public sealed record CheckoutOutcome(CheckoutResult Result, bool Created);

public sealed record CheckoutRequest(long? CartRevision);

public sealed class CheckoutEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/orders/checkout", async (CheckoutRequest body, HttpContext http, IMessageBus bus) =>
            {
                if (body.CartRevision is not { } revision)
                    throw DomainException.Validation("cartRevision", "Send the revision of the cart you are checking out");
                var outcome = await CheckoutFlow.RunAsync(bus, Customer.From(http.User), revision, http.RequestAborted);
                return outcome.Created
                    ? Results.Created($"/api/orders/{outcome.Result.OrderNumber}", outcome.Result)
                    : Results.Ok(outcome.Result);
            })
            .NoStore()
            .RequireAuthorization(Policies.VerifiedCustomer)
            .WithTags("Orders");
}
