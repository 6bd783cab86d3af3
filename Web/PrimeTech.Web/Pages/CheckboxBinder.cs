using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PrimeTech.Web.Pages;

/// <summary>
/// Binds a page's <c>bool</c> as a checkbox: ticked when any posted value is <c>true</c> (a ticked
/// box sends "true" before its hidden "false"), unticked otherwise. MVC's own binder keeps an
/// unreadable value such as "-1" as the attempted value, and the checkbox tag helper then throws
/// when the page is shown again with its errors.
/// </summary>
public sealed class CheckboxBinder : IModelBinder, IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) => context.Metadata.ModelType == typeof(bool) ? this : null;

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (posted != ValueProviderResult.None)
            bindingContext.Result = ModelBindingResult.Success(posted.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)));
        return Task.CompletedTask;
    }
}
