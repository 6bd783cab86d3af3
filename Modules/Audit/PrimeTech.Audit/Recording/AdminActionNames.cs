using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace PrimeTech.Audit.Recording;

/// <summary>
/// Names an admin action after the route that served it, so no endpoint or page has to name itself
/// (CODEX_HANDOFF §6.7, DECISIONS D-082). API routes: the literal segments after <c>/api/admin</c>,
/// then the verb — the last literal when it follows an identifier (<c>orders.refund</c>,
/// <c>users.roles</c>, <c>releases.publish</c>), <c>create</c> for a POST to a list,
/// <c>update</c> / <c>delete</c> for PUT, PATCH, DELETE on an identifier. Pages: the folder under
/// <c>/Admin</c> (or the page itself when it is a sub-list such as <c>Products/Releases</c>), then the
/// handler (<c>licences.revoke</c>), or <c>create</c> / <c>update</c> for a page's plain POST.
/// </summary>
public sealed class AdminActionNames(EndpointDataSource endpoints)
{
    private static readonly HashSet<string> ItemPages = ["Index", "Detail", "Details", "New", "Edit"];
    private static readonly HashSet<string> NotIdentifiers = ["page", "handler", "area", "action", "controller"];

    private readonly ConcurrentDictionary<Endpoint, string> _names = new();
    private HashSet<string>? _lists;

    /// <summary>The action and its target (from the route values), or null if the endpoint is not an admin route or page.</summary>
    public (string Action, string? Target)? Describe(Endpoint endpoint, HttpContext http)
    {
        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
        {
            if (!page.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal)) return null;
            var handler = http.Request.RouteValues["handler"]?.ToString() ?? http.Request.Query["handler"].ToString();
            return (PageAction(page.ViewEnginePath, handler), Target(http.Request.RouteValues.Where(v => !NotIdentifiers.Contains(v.Key)).Select(v => v.Value)));
        }
        if (endpoint is not RouteEndpoint route || !IsAdminApi(route.RoutePattern)) return null;
        var action = _names.GetOrAdd(endpoint, _ => ApiAction(route, http.Request.Method));
        var parameters = route.RoutePattern.Parameters.Select(p => http.Request.RouteValues[p.Name]);
        return (action, Target(parameters));
    }

    /// <summary>The platform's own references, matched upper-cased whatever case the route was given in (CODEX_HANDOFF §2.1).</summary>
    private static readonly string[] ReferencePrefixes = ["ORD-", "INV-", "RCP-", "LIC-", "BKG-"];

    /// <summary>
    /// A route identifier as the modules match it: references trimmed and upper-cased (ORD-…, LIC-…),
    /// ids as lower-case GUIDs, anything else (a Stripe event id) trimmed but as given.
    /// </summary>
    public static string? NormaliseTarget(object? value) =>
        value?.ToString()?.Trim() is { Length: > 0 } text
            ? Guid.TryParse(text, out var id) ? id.ToString("D")
            : ReferencePrefixes.Any(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ? text.ToUpperInvariant()
            : text
            : null;

    private static string? Target(IEnumerable<object?> routeValues) => routeValues.Select(NormaliseTarget).LastOrDefault(v => v is not null);

    private static bool IsAdminApi(RoutePattern pattern) =>
        pattern.PathSegments.Count >= 2 && Literal(pattern.PathSegments[0]) == "api" && Literal(pattern.PathSegments[1]) == "admin";

    private string ApiAction(RouteEndpoint route, string method)
    {
        var segments = route.RoutePattern.PathSegments.Skip(2).ToList();
        var literals = segments.Select(Literal).Where(l => l is not null).Cast<string>().ToList();
        var endsWithLiteral = segments.Count > 0 && Literal(segments[^1]) is not null;
        var followsIdentifier = segments.Count > 1 && Literal(segments[^2]) is null;
        string? verb = method.ToUpperInvariant() switch
        {
            "DELETE" => "delete",
            "PUT" or "PATCH" => endsWithLiteral && followsIdentifier ? null : "update",
            _ when endsWithLiteral && IsList(route.RoutePattern.RawText) => "create",
            _ when endsWithLiteral => null,
            _ => method.ToLowerInvariant(),
        };
        return string.Join('.', verb is null ? literals : [.. literals, verb]);
    }

    /// <summary>A route that also answers GET is a list, so a POST to it creates an item.</summary>
    private bool IsList(string? rawText)
    {
        _lists ??= endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText ?? "")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _lists.Contains(rawText ?? "");
    }

    /// <summary>The action of an admin page's handler (<c>/Admin/Licences/Detail</c>, <c>Revoke</c> → <c>licences.revoke</c>).</summary>
    public static string PageAction(string viewEnginePath, string? handler)
    {
        var parts = viewEnginePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var page = parts[^1];
        var resource = ItemPages.Contains(page) ? parts[..^1] : [page];
        var verb = !string.IsNullOrEmpty(handler) ? Kebab(handler) : page == "New" ? "create" : "update";
        return string.Join('.', [.. resource.Select(Kebab), verb]);
    }

    private static string? Literal(RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal ? literal.Content.ToLowerInvariant() : null;

    /// <summary><c>OfflineFile</c> → <c>offline-file</c>.</summary>
    private static string Kebab(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
