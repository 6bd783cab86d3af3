using FluentValidation;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.BuildingBlocks.UnitTests;

/// <summary>Every list pages the same way: page 1 or more, 1 to 100 a page; an empty list still has one page.</summary>
public sealed class PagingTests
{
    private sealed record ListQuery(int Page, int PageSize, string? Q = null);

    private sealed class ListQueryValidator : AbstractValidator<ListQuery>
    {
        public ListQueryValidator()
        {
            this.PageRules(x => x.Page, x => x.PageSize);
            RuleFor(x => x.Q).SearchText();
        }
    }

    private static readonly ListQueryValidator Validator = new();

    [Theory]
    [InlineData(0, 20, 1)]
    [InlineData(1, 20, 1)]
    [InlineData(20, 20, 1)]
    [InlineData(21, 20, 2)]
    [InlineData(100, 100, 1)]
    [InlineData(101, 100, 2)]
    [InlineData(1, 1, 1)]
    public void The_page_count_rounds_up_and_is_never_zero(int total, int pageSize, int pages) =>
        Assert.Equal(pages, new Paged<string>([], 1, pageSize, total).PageCount);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 100)]
    [InlineData(500, 20)]
    public void Pages_from_1_and_sizes_from_1_to_100_are_accepted(int page, int pageSize) =>
        Validator.EnsureValid(new ListQuery(page, pageSize));

    [Theory]
    [InlineData(0, 20, "page", "Page must be 1 or more")]
    [InlineData(-1, 20, "page", "Page must be 1 or more")]
    [InlineData(1, 0, "pageSize", "Page size must be between 1 and 100")]
    [InlineData(1, 101, "pageSize", "Page size must be between 1 and 100")]
    public void Other_pages_and_sizes_are_refused_by_field(int page, int pageSize, string field, string message)
    {
        var refused = Assert.Throws<DomainException>(() => Validator.EnsureValid(new ListQuery(page, pageSize)));
        Assert.Equal("VALIDATION_FAILED", refused.Error.Code);
        Assert.Equal([message], refused.Errors[field]);
    }

    [Fact]
    public void Search_text_may_be_200_characters_and_no_more()
    {
        Validator.EnsureValid(new ListQuery(1, 20, new string('q', 200)));
        var refused = Assert.Throws<DomainException>(() => Validator.EnsureValid(new ListQuery(1, 20, new string('q', 201))));
        Assert.Equal(["Search for 200 characters or fewer"], refused.Errors["q"]);
    }
}
