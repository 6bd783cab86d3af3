using FluentValidation;
using FluentValidation.Results;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.BuildingBlocks.Validation;

public static class ValidationExtensions
{
    /// <summary>The longest search text any admin list accepts (CODEX_HANDOFF §2.1, field limits).</summary>
    public const int SearchTextMaxLength = 200;

    /// <summary>Free search text (<c>q</c>): optional, at most <see cref="SearchTextMaxLength"/> characters.</summary>
    public static IRuleBuilderOptions<T, string?> SearchText<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.MaximumLength(SearchTextMaxLength).WithMessage($"Search for {SearchTextMaxLength} characters or fewer");

    /// <summary>
    /// Runs the validator and throws <see cref="DomainException"/> with VALIDATION_FAILED and the
    /// field errors (camelCase field names, as the JSON contract names them).
    /// </summary>
    public static void EnsureValid<T>(this IValidator<T> validator, T instance)
    {
        var result = validator.Validate(instance);
        if (!result.IsValid) throw result.Errors.ToDomainException();
    }

    /// <summary>
    /// Validation failures as the error contract states them: VALIDATION_FAILED with the field errors
    /// under camelCase field names (the same shape whether a handler or a page reports them).
    /// </summary>
    public static DomainException ToDomainException(this IEnumerable<ValidationFailure> failures)
    {
        var errors = failures
            .GroupBy(e => CamelCase(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new DomainException(ErrorCode.ValidationFailed, "One or more fields are not valid.", errors);
    }

    private static string CamelCase(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
