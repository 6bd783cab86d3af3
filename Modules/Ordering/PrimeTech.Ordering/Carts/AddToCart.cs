using FluentValidation;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Ordering.Carts;

/// <summary>Adds a quantity of a product to the cart (to its line if it has one). At most 100 of a product and 20 products.</summary>
public sealed record AddToCart(Guid CustomerId, string? Sku, int? Quantity)
{
    public sealed class Validator : AbstractValidator<AddToCart>
    {
        public Validator()
        {
            RuleFor(x => x.Sku).NotEmpty().WithMessage("Choose a product that exists");
            RuleFor(x => x.Sku).MaximumLength(40).WithMessage("Choose a product that exists");
            RuleFor(x => x.Quantity).ValidQuantity();
        }
    }
}

public static class AddToCartHandler
{
    public static async Task<CartView> Handle(AddToCart command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var sku = CartRules.NormaliseSku(command.Sku);
        var product = await session.Query<Product>().FirstOrDefaultAsync(p => p.Sku == sku, ct)
                      ?? throw DomainException.Validation("sku", "Choose a product that exists");
        if (!product.IsActive)
            throw CartRules.Unavailable(product);

        var cart = await CartRules.LockAndLoadAsync(session, command.CustomerId, ct);
        var now = clock.GetUtcNow();
        if (cart.Line(sku) is { } line)
        {
            if (line.Quantity + command.Quantity!.Value > Cart.MaxQuantity)
                throw DomainException.Validation("quantity", "You can have at most 100 of each product in your cart");
            line.Quantity += command.Quantity.Value;
        }
        else
        {
            if (cart.Lines.Count >= Cart.MaxLines)
                throw DomainException.Validation("sku", "Your cart can hold up to 20 different products");
            cart.Lines.Add(new CartLine { ProductId = product.Id, Sku = sku, Quantity = command.Quantity!.Value, AddedAt = now });
        }
        cart.Changed(now);
        session.Store(cart);
        return await CartView.BuildAsync(cart, session, ct);
    }
}

public sealed record CartItemRequest(string? Sku, int? Quantity);

public sealed class AddToCartEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/cart/items", (CartItemRequest body, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<CartView>(new AddToCart(http.User.RequiredUserId(), body.Sku, body.Quantity), http.RequestAborted))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Cart");
}
