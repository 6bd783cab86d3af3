using PrimeTech.Storage.Flows;
using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Storage.Releases;

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
