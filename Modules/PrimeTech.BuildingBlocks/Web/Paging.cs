using System.Text.Json.Serialization;
using FluentValidation;

namespace PrimeTech.BuildingBlocks.Web;

/// <summary>A page of a list, the API's one paged shape: <c>{ items, page, pageSize, totalCount }</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    [JsonIgnore]
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>The API's unpaged list shape: <c>{ items }</c>.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items);

/// <summary>The paging limits every list shares (CODEX_HANDOFF §2.2): page 1 or more, 1 to 100 a page, 20 by default.</summary>
public static class PagingRules
{
    public const int DefaultPageSize = 20;

    public static void PageRules<T>(this AbstractValidator<T> validator, Func<T, int> page, Func<T, int> pageSize)
    {
        validator.RuleFor(x => page(x)).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more").OverridePropertyName("page");
        validator.RuleFor(x => pageSize(x)).InclusiveBetween(1, 100).WithMessage("Page size must be between 1 and 100").OverridePropertyName("pageSize");
    }
}
