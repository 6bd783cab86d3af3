using System.Globalization;

namespace PrimeTech.RunPathTests;

/// <summary>Who may open a page, from the "access" column of FRONTEND_HANDOFF §2 (rules in §1.5).</summary>
public enum Access { Public, AnonymousOnly, SignedIn, Owner, Admin }

/// <summary>A row of the page catalogue: the route template, who may see it, and whether it is a file (h1 "—").</summary>
public sealed record SpecRoute(string Route, Access Access, bool IsFile);

/// <summary>
/// The page catalogue read from <c>_spec/FRONTEND_HANDOFF_v1.md</c> §2 itself, so a page added
/// to the spec becomes a test row (and fails until the walk knows how to open it).
/// </summary>
public static partial class SpecCatalogue
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static readonly string Handoff = File.ReadAllText(Path.Combine(RepoRoot, "_spec", "FRONTEND_HANDOFF_v1.md"));

    public static IReadOnlyList<SpecRoute> Routes { get; } = Parse(Handoff);

    /// <summary>The status pages of §1.6: status code → h1.</summary>
    public static IReadOnlyDictionary<int, string> StatusPages { get; } = ParseStatusPages(Handoff);

    public static IReadOnlyDictionary<int, string> ParseStatusPages(string markdown)
    {
        var section = Section(markdown, "### 1.6 Status pages", "\n---");
        return section.Split('\n')
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 3 && int.TryParse(cells[1], CultureInfo.InvariantCulture, out _))
            .ToDictionary(cells => int.Parse(cells[1], CultureInfo.InvariantCulture), cells => cells[2]);
    }

    public static IReadOnlyList<SpecRoute> Parse(string markdown)
    {
        var section = Section(markdown, "## 2. Page catalogue", "\n## 3.");
        var routes = new List<SpecRoute>();
        foreach (var line in section.Split('\n'))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 5 || !cells[1].StartsWith('`')) continue;
            var access = AccessOf(cells[2]);
            var isFile = cells[3] == "—";
            string? previous = null;
            foreach (Match code in Code().Matches(cells[1]))
            {
                // "`/admin/orders/{ORD}/invoice` · `/receipt`": a one-segment tail replaces the last segment.
                var route = code.Groups[1].Value;
                if (previous is not null && route.Count(c => c == '/') == 1 && previous.Count(c => c == '/') > 1)
                    route = previous[..previous.LastIndexOf('/')] + route;
                routes.Add(new SpecRoute(route, access, isFile));
                previous = route;
            }
        }
        return routes;
    }

    private static string Section(string markdown, string heading, string next)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"FRONTEND_HANDOFF has no '{heading}'.");
        var rest = markdown[start..];
        return rest[..rest.IndexOf(next, heading.Length, StringComparison.Ordinal)];
    }

    private static Access AccessOf(string cell) => cell switch
    {
        _ when cell.StartsWith("public", StringComparison.Ordinal) => Access.Public,
        "anonymous" => Access.AnonymousOnly,
        "signed in" => Access.SignedIn,
        "signed in (owner)" or "owner" => Access.Owner,
        "admin" => Access.Admin,
        _ => throw new InvalidOperationException($"FRONTEND_HANDOFF §2 has an access rule the walk does not know: '{cell}'."),
    };

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PrimeTech.sln"))) return dir.FullName;
        throw new InvalidOperationException("No PrimeTech.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
