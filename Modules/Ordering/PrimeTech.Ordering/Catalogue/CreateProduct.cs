using FluentValidation;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Validation;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>Admin: add a product. SKU and slug must be unique (DUPLICATE_VALUE with the field).</summary>
public sealed record CreateProduct(
    string? Sku,
    string? Slug,
    string? Name,
    string? Summary,
    string? DescriptionMarkdown,
    long? UnitPriceNetPence,
    decimal? VatRatePercent,
    bool IsLicensed,
    bool IsActive) : ICleanable<CreateProduct>
{
    public sealed class Validator : AbstractValidator<CreateProduct>
    {
        public Validator()
        {
            this.Sku(x => x.Sku);
            this.Fields(x => x.Slug, x => x.Name, x => x.Summary, x => x.DescriptionMarkdown, x => x.UnitPriceNetPence, x => x.VatRatePercent);
        }
    }

    public CreateProduct Cleaned() => this with
    {
        Sku = ProductRules.Clean(Sku),
        Slug = ProductRules.Clean(Slug),
        Name = ProductRules.Clean(Name),
        Summary = ProductRules.Clean(Summary),
        DescriptionMarkdown = DescriptionMarkdown ?? "",
    };
}

public static class CreateProductHandler
{
    public static async Task<AdminProduct> Handle(CreateProduct input, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = input.Cleaned();
        await ProductUniqueness.EnsureAsync(session, command.Sku, command.Slug!, exceptId: null, ct);

        var now = clock.GetUtcNow();
        var product = new Product
        {
            Id = Guid.NewGuid(),
            Sku = command.Sku!,
            Slug = command.Slug!,
            Name = command.Name!,
            Summary = command.Summary!,
            DescriptionMarkdown = command.DescriptionMarkdown!,
            DescriptionHtml = ProductDescription.ToSafeHtml(command.DescriptionMarkdown!),
            UnitPriceNetPence = command.UnitPriceNetPence!.Value,
            VatRatePercent = command.VatRatePercent!.Value,
            IsLicensed = command.IsLicensed,
            IsActive = command.IsActive,
            CreatedAt = now,
            UpdatedAt = now,
        };
        session.Insert(product);
        await ProductUniqueness.SaveAsync(session, ct);
        return AdminProduct.From(product);
    }
}

/// <summary>SKU and slug uniqueness: checked first for a friendly field error; the unique indexes decide races.</summary>
internal static class ProductUniqueness
{
    public const string SkuIndex = "ux_product_sku";
    public const string SlugIndex = "ux_product_slug";

    public static async Task EnsureAsync(IDocumentSession session, string? sku, string slug, Guid? exceptId, CancellationToken ct)
    {
        if (sku is not null && await session.Query<Product>().AnyAsync(p => p.Sku == sku && p.Id != exceptId, ct))
            throw Duplicate("sku");
        if (await session.Query<Product>().AnyAsync(p => p.Slug == slug && p.Id != exceptId, ct))
            throw Duplicate("slug");
    }

    public static async Task SaveAsync(IDocumentSession session, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (UniqueViolation.ConstraintOf(e) is { } index)
        {
            throw Duplicate(index.Contains(SkuIndex) ? "sku" : "slug");
        }
    }

    private static DomainException Duplicate(string field)
    {
        var message = field == "sku" ? "This SKU is already used by another product" : "This slug is already used";
        return new DomainException(OrderingErrors.DuplicateValue, message,
            new Dictionary<string, string[]> { [field] = [message] });
    }
}

public sealed class CreateProductEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/products", async (CreateProduct command, IMessageBus bus, CancellationToken ct) =>
            {
                var product = await bus.InvokeAsync<AdminProduct>(command, ct);
                return Results.Created($"/api/admin/products/{product.Id}", product);
            })
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: products");
}
