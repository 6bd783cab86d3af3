using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>
/// Turns an admin's Markdown into HTML safe to show: Markdig with raw HTML disabled, then an
/// allow-list sanitiser (headings, lists, emphasis, code, quotes, tables and http/https/mailto
/// links, which get <c>rel="nofollow noopener"</c>). Done once, when the product is saved.
/// </summary>
public static class ProductDescription
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .Build();

    private static readonly string[] Tags =
        ["p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "a",
         "table", "thead", "tbody", "tr", "th", "td"];

    public static string ToSafeHtml(string markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        return Sanitizer().Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim();
    }

    /// <summary>A new sanitiser per call: HtmlSanitizer's event handlers make shared instances awkward.</summary>
    private static HtmlSanitizer Sanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement anchor)
                anchor.SetAttribute("rel", "nofollow noopener");
        };
        return sanitizer;
    }
}
