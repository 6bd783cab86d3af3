using System.Text.RegularExpressions;
using FluentValidation;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>The admin product form's rules, shared by create and edit (messages as the pages show them).</summary>
public static partial class ProductRules
{
    public const long MaxPricePence = 100_000_000;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,39}$")]
    public static partial Regex SkuPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();

    public static void Sku<T>(this AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string?>> sku) =>
        v.RuleFor(sku).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a SKU")
            .Must(s => SkuPattern().IsMatch(s!)).WithMessage("SKU must be 2 to 40 characters: capital letters, numbers and hyphens");

    public static void Fields<T>(
        this AbstractValidator<T> v,
        System.Linq.Expressions.Expression<Func<T, string?>> slug,
        System.Linq.Expressions.Expression<Func<T, string?>> name,
        System.Linq.Expressions.Expression<Func<T, string?>> summary,
        System.Linq.Expressions.Expression<Func<T, string?>> description,
        System.Linq.Expressions.Expression<Func<T, long?>> price,
        System.Linq.Expressions.Expression<Func<T, decimal?>> vatRate)
    {
        v.RuleFor(slug).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a slug")
            .Must(s => s!.Length <= 80 && SlugPattern().IsMatch(s)).WithMessage("Slug must use lower-case letters, numbers and single hyphens, like backup-pro");
        v.RuleFor(name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a name")
            .MaximumLength(120).WithMessage("Name must be 120 characters or fewer");
        v.RuleFor(summary).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a summary")
            .MaximumLength(300).WithMessage("Summary must be 300 characters or fewer");
        v.RuleFor(description)
            .Must(d => (d ?? "").Length <= 20_000).WithMessage("Description must be 20,000 characters or fewer");
        v.RuleFor(price).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter a price")
            .GreaterThan(0).WithMessage("Price must be more than £0.00")
            .LessThanOrEqualTo(MaxPricePence).WithMessage("Price must be £1,000,000.00 or less");
        v.RuleFor(vatRate).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter a VAT rate")
            .Must(r => r is >= 0 and <= 100 && decimal.Round(r.Value, 2) == r.Value)
            .WithMessage("VAT rate must be a number from 0 to 100, with up to 2 decimal places");
    }

    public static string? Clean(string? value) => value?.Trim();
}
