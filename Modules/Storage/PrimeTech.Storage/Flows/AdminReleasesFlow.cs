using PrimeTech.Ordering.Contracts;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Storage.Flows;

/// <summary>The admin releases page's data: the product (from Ordering) and its releases. Unknown product → 404.</summary>
public static class AdminReleasesFlow
{
    public static async Task<(ProductInfo Product, IReadOnlyList<AdminRelease> Releases)> RunAsync(IMessageBus bus, Guid productId, CancellationToken ct)
    {
        var product = (await bus.InvokeAsync<ProductSummaries>(new GetProductSummaries([productId]), ct)).Items is [var found, ..]
            ? found
            : throw DomainException.NotFound("The product");
        var releases = await bus.InvokeAsync<ReleaseList<AdminRelease>>(new ListAdminReleases(productId), ct);
        return (product, releases.Items);
    }
}
