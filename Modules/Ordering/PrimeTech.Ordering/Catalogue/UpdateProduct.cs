using FluentValidation;
using PrimeTech.BuildingBlocks.Validation;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>Admin: edit a product. The SKU never changes; prices already on orders and invoices are snapshots.</summary>
public sealed record UpdateProduct(
    Guid Id,
    string? Slug,
    string? Name,
    string? Summary,
    string? DescriptionMarkdown,
    long? UnitPriceNetPence,
    decimal? VatRatePercent,
    bool IsLicensed,
    bool IsActive) : ICleanable<UpdateProduct>
{
    public sealed class Validator : AbstractValidator<UpdateProduct>
    {
        public Validator() =>
            this.Fields(x => x.Slug, x => x.Name, x => x.Summary, x => x.DescriptionMarkdown, x => x.UnitPriceNetPence, x => x.VatRatePercent);
    }

    public UpdateProduct Cleaned() => this with
    {
        Slug = ProductRules.Clean(Slug),
        Name = ProductRules.Clean(Name),
        Summary = ProductRules.Clean(Summary),
        DescriptionMarkdown = DescriptionMarkdown ?? "",
    };
}

public static class UpdateProductHandler
{
    public static async Task<AdminProduct> Handle(UpdateProduct input, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = input.Cleaned();
        var product = await session.LoadAsync<Product>(command.Id, ct) ?? throw DomainException.NotFound("The product");
        await ProductUniqueness.EnsureAsync(session, sku: null, command.Slug!, exceptId: product.Id, ct);

        product.Slug = command.Slug!;
        product.Name = command.Name!;
        product.Summary = command.Summary!;
        product.DescriptionMarkdown = command.DescriptionMarkdown!;
        product.DescriptionHtml = ProductDescription.ToSafeHtml(command.DescriptionMarkdown!);
        product.UnitPriceNetPence = command.UnitPriceNetPence!.Value;
        product.VatRatePercent = command.VatRatePercent!.Value;
        product.IsLicensed = command.IsLicensed;
        product.IsActive = command.IsActive;
        product.UpdatedAt = clock.GetUtcNow();
        session.Store(product);
        await ProductUniqueness.SaveAsync(session, ct);
        return AdminProduct.From(product);
    }
}

public sealed class UpdateProductEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/api/admin/products/{id:guid}", (Guid id, UpdateProduct body, IMessageBus bus, CancellationToken ct) =>
                bus.InvokeAsync<AdminProduct>(body with { Id = id }, ct))
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: products");
}
