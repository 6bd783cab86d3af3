using FluentValidation;
using PrimeTech.BuildingBlocks.Validation;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>Admin: every product, filtered by SKU/name text and active flag, by name, paged.</summary>
public sealed record ListAdminProducts(string? Q, bool? Active, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
{
    public sealed class Validator : AbstractValidator<ListAdminProducts>
    {
        public Validator()
        {
            RuleFor(x => x.Q).SearchText();
            this.PageRules(x => x.Page, x => x.PageSize);
        }
    }
}

public static class ListAdminProductsHandler
{
    public static async Task<Paged<AdminProduct>> Handle(ListAdminProducts query, IDocumentSession session, CancellationToken ct)
    {
        var products = session.Query<Product>().AsQueryable();
        var q = query.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
            products = products.Where(p => p.Sku.Contains(q, StringComparison.OrdinalIgnoreCase) || p.Name.Contains(q, StringComparison.OrdinalIgnoreCase));
        if (query.Active is { } active)
            products = products.Where(p => p.IsActive == active);

        var total = await products.CountAsync(ct);
        var page = await products.OrderBy(p => p.Name).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new Paged<AdminProduct>(page.Select(AdminProduct.From).ToList(), query.Page, query.PageSize, total);
    }
}

public sealed record GetAdminProduct(Guid Id);

public static class GetAdminProductHandler
{
    public static async Task<AdminProduct> Handle(GetAdminProduct query, IDocumentSession session, CancellationToken ct) =>
        await session.LoadAsync<Product>(query.Id, ct) is { } product
            ? AdminProduct.From(product)
            : throw DomainException.NotFound("The product");
}

public sealed class AdminProductQueryEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/products", (string? q, bool? active, int? page, int? pageSize, IMessageBus bus, CancellationToken ct) =>
                bus.InvokeAsync<Paged<AdminProduct>>(new ListAdminProducts(q, active, page ?? 1, pageSize ?? PagingRules.DefaultPageSize), ct))
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: products");
        app.MapGet("/api/admin/products/{id:guid}", (Guid id, IMessageBus bus, CancellationToken ct) =>
                bus.InvokeAsync<AdminProduct>(new GetAdminProduct(id), ct))
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: products");
    }
}
