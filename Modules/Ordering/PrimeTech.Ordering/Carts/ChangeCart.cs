using FluentValidation;

namespace PrimeTech.Ordering.Carts;

/// <summary>Sets the quantity of a line already in the cart (1–100).</summary>
public sealed record SetCartQuantity(Guid CustomerId, string Sku, int? Quantity)
{
    public sealed class Validator : AbstractValidator<SetCartQuantity>
    {
        public Validator() => RuleFor(x => x.Quantity).ValidQuantity();
    }
}

/// <summary>Removes a line from the cart.</summary>
public sealed record RemoveFromCart(Guid CustomerId, string Sku);

/// <summary>Empties the cart.</summary>
public sealed record ClearCart(Guid CustomerId);

public static class SetCartQuantityHandler
{
    public static async Task<CartView> Handle(SetCartQuantity command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var cart = await CartRules.LockAndLoadAsync(session, command.CustomerId, ct);
        var line = cart.Line(CartRules.NormaliseSku(command.Sku)) ?? throw CartRules.NotInCart();
        if (line.Quantity != command.Quantity)
        {
            line.Quantity = command.Quantity!.Value;
            cart.Changed(clock.GetUtcNow());
            session.Store(cart);
        }
        return await CartView.BuildAsync(cart, session, ct);
    }
}

public static class RemoveFromCartHandler
{
    public static async Task<CartView> Handle(RemoveFromCart command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var cart = await CartRules.LockAndLoadAsync(session, command.CustomerId, ct);
        var line = cart.Line(CartRules.NormaliseSku(command.Sku)) ?? throw CartRules.NotInCart();
        cart.Lines.Remove(line);
        cart.Changed(clock.GetUtcNow());
        session.Store(cart);
        return await CartView.BuildAsync(cart, session, ct);
    }
}

public static class ClearCartHandler
{
    public static async Task<CartView> Handle(ClearCart command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var cart = await CartRules.LockAndLoadAsync(session, command.CustomerId, ct);
        if (cart.Lines.Count > 0)
        {
            cart.Lines.Clear();
            cart.Changed(clock.GetUtcNow());
            session.Store(cart);
        }
        return await CartView.BuildAsync(cart, session, ct);
    }
}

public sealed record CartQuantityRequest(int? Quantity);

public sealed class ChangeCartEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPut("/api/cart/items/{sku}", (string sku, CartQuantityRequest body, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<CartView>(new SetCartQuantity(http.User.RequiredUserId(), sku, body.Quantity), http.RequestAborted))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Cart");
        app.MapDelete("/api/cart/items/{sku}", (string sku, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<CartView>(new RemoveFromCart(http.User.RequiredUserId(), sku), http.RequestAborted))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Cart");
        app.MapDelete("/api/cart", (HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<CartView>(new ClearCart(http.User.RequiredUserId()), http.RequestAborted))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Cart");
    }
}
