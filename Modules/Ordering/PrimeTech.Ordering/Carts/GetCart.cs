namespace PrimeTech.Ordering.Carts;

public sealed record GetCart(Guid CustomerId);

public static class GetCartHandler
{
    public static async Task<CartView> Handle(GetCart query, IDocumentSession session, CancellationToken ct) =>
        await CartView.BuildAsync(await session.LoadAsync<Cart>(query.CustomerId, ct), session, ct);
}

public sealed class GetCartEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/cart", (HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<CartView>(new GetCart(http.User.RequiredUserId()), http.RequestAborted))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Cart");
}
