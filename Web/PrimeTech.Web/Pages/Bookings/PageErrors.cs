using Microsoft.AspNetCore.Mvc.ModelBinding;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Web.Pages.Bookings;

/// <summary>Puts a <see cref="DomainException"/> on a page: field errors beside their inputs, otherwise the detail in the summary.</summary>
public static class PageErrors
{
    /// <param name="fields">camelCase contract field → ModelState key of the input showing it (e.g. "slotStart" → "Slot").</param>
    public static void AddTo(ModelStateDictionary modelState, DomainException error, IReadOnlyDictionary<string, string>? fields = null)
    {
        var shown = false;
        foreach (var (field, messages) in error.Errors)
        {
            var key = fields is not null && fields.TryGetValue(field, out var mapped) ? mapped : null;
            if (key is null) continue;
            foreach (var message in messages) modelState.AddModelError(key, message);
            shown = true;
        }
        if (!shown || error.Errors.Count == 0)
            modelState.AddModelError(string.Empty, error.Errors.Count > 0 ? string.Join(" ", error.Errors.Values.SelectMany(m => m)) : error.Detail);
    }

    /// <summary>The id an input gets from asp-for for a ModelState key.</summary>
    public static string InputId(string key) => key.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}
