using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PrimeTech.Web.Pages;

/// <summary>Puts the error contract onto a page: field errors beside the fields, the rest in the summary.</summary>
public static class PageErrors
{
    /// <summary>
    /// Adds a <see cref="DomainException"/> to the model state. API field names (camelCase) become
    /// <c>{prefix}.{PascalCase}</c>, or the name <paramref name="fields"/> maps them to.
    /// Errors without a field (e.g. invalid credentials) go to the summary only. A field the page has
    /// already refused keeps the page's own, more precise message (a price it could not read).
    /// </summary>
    public static void AddDomainErrors(this ModelStateDictionary modelState, DomainException error, string prefix = "Input",
        IReadOnlyDictionary<string, string>? fields = null)
    {
        if (error.Errors.Count == 0)
        {
            modelState.AddModelError("", error.Detail);
            return;
        }
        var refusedByPage = modelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToHashSet();
        foreach (var (field, messages) in error.Errors)
        {
            var key = fields is not null && fields.TryGetValue(field, out var mapped)
                ? mapped
                : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
            if (refusedByPage.Contains(key)) continue;
            foreach (var message in messages)
                modelState.AddModelError(key, message);
        }
    }
}
