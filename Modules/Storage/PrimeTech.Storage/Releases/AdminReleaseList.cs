using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Ordering.Contracts;
using Wolverine;

namespace PrimeTech.Storage.Releases;

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

public sealed class AdminReleaseListEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/products/{productId:guid}/releases", async (Guid productId, HttpContext http, IMessageBus bus) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                var (_, releases) = await AdminReleasesFlow.RunAsync(bus, productId, http.RequestAborted);
                return new ReleaseList<AdminRelease>(releases);
            })
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: releases")
            .WithSummary("A product's releases, newest version first");
}
