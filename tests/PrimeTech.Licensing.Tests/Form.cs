using System.Text.RegularExpressions;

namespace PrimeTech.Licensing.Tests;

public static partial class Form
{
    public static Dictionary<string, string> Of(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    /// <summary>The page's text without tags, entities decoded: what a reader sees.</summary>
    public static string Text(this PageResponse page) => WebUtility.HtmlDecode(Tags().Replace(page.Html, " "));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
