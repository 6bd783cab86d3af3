using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PrimeTech.BuildingBlocks.Web;

public static class NoStoreFilter
{
    /// <summary>Responses that depend on the signed-in user carry <c>Cache-Control: no-store</c>.</summary>
    public static RouteHandlerBuilder NoStore(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter((context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
}
