using Microsoft.AspNetCore.Mvc.ModelBinding;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Web.Pages;

/// <summary>Puts the error contract onto a page: field errors beside the fields, the rest in the summary.</summary>
public static class PageErrors
{
    /// <summary>
    /// Adds a <see cref="DomainException"/> to the model state. API field names (camelCase) become
    /// <c>{prefix}.{PascalCase}</c>, or the name <paramref name="fields"/> maps them to.
    /// Errors without a field (e.g. invalid credentials) go to the summary only.
    /// </summary>
    public static void AddDomainErrors(this ModelStateDictionary modelState, DomainException error, string prefix = "Input",
        IReadOnlyDictionary<string, string>? fields = null)
    {
        if (error.Errors.Count == 0)
        {
            modelState.AddModelError("", error.Detail);
            return;
        }
        foreach (var (field, messages) in error.Errors)
        {
            var key = fields is not null && fields.TryGetValue(field, out var mapped)
                ? mapped
                : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            foreach (var message in messages)
                modelState.AddModelError(key, message);
        }
    }
}
