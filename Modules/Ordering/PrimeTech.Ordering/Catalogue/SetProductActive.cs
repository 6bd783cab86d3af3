namespace PrimeTech.Ordering.Catalogue;

/// <summary>Admin: take a product off sale (or back on). Idempotent. Orders already placed keep their lines.</summary>
public sealed record SetProductActive(Guid Id, bool IsActive);

public static class SetProductActiveHandler
{
    public static async Task<AdminProduct> Handle(SetProductActive command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var product = await session.LoadAsync<Product>(command.Id, ct) ?? throw DomainException.NotFound("The product");
        if (product.IsActive != command.IsActive)
        {
            product.IsActive = command.IsActive;
            product.UpdatedAt = clock.GetUtcNow();
            session.Store(product);
        }
        return AdminProduct.From(product);
    }
}

public sealed class SetProductActiveEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/products/{id:guid}/deactivate", (Guid id, IMessageBus bus, CancellationToken ct) =>
                bus.InvokeAsync<AdminProduct>(new SetProductActive(id, false), ct))
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: products");
        app.MapPost("/api/admin/products/{id:guid}/activate", (Guid id, IMessageBus bus, CancellationToken ct) =>
                bus.InvokeAsync<AdminProduct>(new SetProductActive(id, true), ct))
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: products");
    }
}
