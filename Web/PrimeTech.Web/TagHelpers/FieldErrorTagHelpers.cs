using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PrimeTech.Web.TagHelpers;

/// <summary>
/// <c>&lt;field-error for="Input.Email" /&gt;</c>: the field's first error as
/// <c>&lt;p class="field-error" id="Input_Email-error"&gt;</c>, or nothing (FRONTEND_HANDOFF §1.4).
/// </summary>
[HtmlTargetElement("field-error", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("for")] public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var message = FieldErrors.FirstError(ViewContext, For.Name);
        if (message is null)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field-error");
        output.Attributes.SetAttribute("id", FieldErrors.ErrorId(For.Name));
        output.Content.SetHtmlContent("<span class=\"visually-hidden\">Error:</span> ");
        output.Content.Append(message);
    }
}

/// <summary>Marks an input with an error as <c>aria-invalid</c> and links it to its message and hint.</summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    // After the framework's own input tag helper.
    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (FieldErrors.FirstError(ViewContext, For.Name) is null) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value?.ToString() : null;
        var errorId = FieldErrors.ErrorId(For.Name);
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? errorId : $"{describedBy} {errorId}");
    }
}

public static class FieldErrors
{
    public static string? FirstError(ViewContext view, string name)
    {
        var key = string.IsNullOrEmpty(view.ViewData.TemplateInfo.HtmlFieldPrefix) ? name : view.ViewData.TemplateInfo.GetFullHtmlFieldName(name);
        return view.ModelState.TryGetValue(key, out var entry) && entry.ValidationState == ModelValidationState.Invalid
            ? entry.Errors.FirstOrDefault()?.ErrorMessage
            : null;
    }

    public static string FieldId(string name) => TagBuilder.CreateSanitizedId(name, "_");

    public static string ErrorId(string name) => FieldId(name) + "-error";
}
