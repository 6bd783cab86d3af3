using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PrimeTech.Billing;

/// <summary>A page of a list: <c>{ items, page, pageSize, totalCount }</c> (BE §2.2).</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    [JsonIgnore]
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}

public static class PagingRules
{
    public const int DefaultPageSize = 20;

    public static void PageRules<T>(this AbstractValidator<T> validator, Func<T, int> page, Func<T, int> pageSize)
    {
        validator.RuleFor(x => page(x)).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more").OverridePropertyName("page");
        validator.RuleFor(x => pageSize(x)).InclusiveBetween(1, 100).WithMessage("Page size must be between 1 and 100").OverridePropertyName("pageSize");
    }
}

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
