using System.Web;
using Microsoft.Playwright;
using PrimeTech.Testing;
using Xunit;

namespace PrimeTech.RunPathTests;

/// <summary>
/// Every page of FRONTEND_HANDOFF §2 (with the variants of §3), opened by a plain GET in Chromium
/// as each role, on the site the README's run command serves: the outcome the access rules give,
/// no 5xx (page or asset), no error summary, no console error, one h1.
/// </summary>
[Collection(RunPathCollection.Name)]
[Trait("Category", "RunPath")]
public sealed partial class PageWalkTests(RunPathFixture run)
{
    public static IEnumerable<object[]> Pages() => Walk.Rows();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_plain_GET_gives_what_the_spec_says(string role, string template)
    {
        var visit = Walk.Find(template);
        var path = Fill(template);
        var expected = visit.For(role);
        if (expected is Outcome.PdfFile)
        {
            await AssertPdfAsync(role, path);
            return;
        }

        var page = await run.ContextFor(role).NewPageAsync();
        var problems = new List<string>();
        var consoleErrors = new List<IConsoleMessage>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message); };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 500 && !(expected is Outcome.StatusPage { Status: >= 500 } && response.Request.IsNavigationRequest))
                problems.Add($"{response.Status} from {response.Url}");
        };
        try
        {
            var response = await page.GotoAsync(path) ?? throw new InvalidOperationException("No response.");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var status = response.Status;
            var landed = new Uri(page.Url);

            switch (expected)
            {
                case Outcome.Page:
                    Expect(status == 200, $"status {status}, expected 200");
                    Expect(landed.PathAndQuery == new Uri(RunPathFixture.SiteUrl + path).PathAndQuery, $"landed on {landed.PathAndQuery}");
                    break;
                case Outcome.SignIn:
                    Expect(landed.AbsolutePath == "/login" && HttpUtility.ParseQueryString(landed.Query)["returnUrl"] == path,
                        $"landed on {landed.PathAndQuery}, expected /login?returnUrl={Uri.EscapeDataString(path)}");
                    break;
                case Outcome.RedirectTo redirect:
                    Expect(landed.PathAndQuery == redirect.Path && status == 200, $"landed on {landed.PathAndQuery} ({status}), expected {redirect.Path}");
                    break;
                case Outcome.StatusPage statusPage:
                    Expect(status == statusPage.Status, $"status {status}, expected {statusPage.Status}");
                    var h1 = await page.Locator("h1").AllInnerTextsAsync();
                    Expect(h1.Count == 1 && h1[0].Trim() == SpecCatalogue.StatusPages[statusPage.Status],
                        $"h1 '{string.Join(" | ", h1)}', expected '{SpecCatalogue.StatusPages[statusPage.Status]}'");
                    break;
            }

            var summaries = await page.Locator(".error-summary").AllInnerTextsAsync();
            Expect(summaries.Count == 0, "error summary: " + string.Join(" | ", summaries.Select(Squash)));
            var headings = await page.Locator("h1").CountAsync();
            Expect(headings == 1, $"{headings} h1 elements");
            // Chromium reports a document's own 4xx/5xx status as a console error; that status is asserted above.
            foreach (var message in consoleErrors.Where(m => !(m.Location.StartsWith(page.Url, StringComparison.Ordinal) && m.Text.StartsWith($"Failed to load resource: the server responded with a status of {status}", StringComparison.Ordinal))))
                problems.Add($"console error: {message.Text} ({message.Location})");
            void Expect(bool ok, string problem)
            {
                if (!ok) problems.Add(problem);
            }
        }
        finally
        {
            await page.CloseAsync();
        }
        var serverLog = problems.Any(p => p.StartsWith('5')) ? $"\nLast lines of {run.RunLog}:\n{run.LogTail(40)}" : "";
        Assert.True(problems.Count == 0, $"GET {path} as {role} ({expected.GetType().Name}):\n  " + string.Join("\n  ", problems) + serverLog);
    }

    /// <summary>The invoice and receipt links: 302 to a presigned S3 URL once the PDF is stored (before that, back to the order with a notice).</summary>
    private async Task AssertPdfAsync(string role, string path)
    {
        var request = run.ContextFor(role).APIRequest;
        var location = await Eventually.GetAsync(async () =>
        {
            var response = await request.GetAsync(path, new() { MaxRedirects = 0 });
            Assert.True(response.Status == 302, $"GET {path} as {role}: status {response.Status}, expected 302");
            var to = response.Headers.GetValueOrDefault("location") ?? "";
            return to.StartsWith($"http://127.0.0.1:{TestServices.S3Port}/", StringComparison.Ordinal) ? to : null;
        }, $"GET {path} to redirect to S3", TimeSpan.FromSeconds(60));
        var file = await request.GetAsync(location);
        Assert.True(file.Status == 200, $"GET {path} as {role}: the presigned URL answered {file.Status}");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await file.BodyAsync())[..4]));
    }

    [Fact]
    public void The_walk_covers_every_route_of_the_catalogue_and_nothing_else()
    {
        var routes = SpecCatalogue.Routes.Select(r => r.Route).ToHashSet();
        Assert.True(routes.Count > 40, $"Only {routes.Count} routes read from FRONTEND_HANDOFF §2.");
        Assert.All(Walk.Variants.Keys, route => Assert.Contains(route, routes));
        Assert.All(Walk.Visits, v => Assert.All(Placeholder().Matches(v.Template), m => Assert.Contains(m.Groups[1].Value, run.Data.Keys)));
    }

    private string Fill(string template) =>
        Placeholder().Replace(template, m => run.Data.TryGetValue(m.Groups[1].Value, out var value)
            ? Uri.EscapeDataString(value)
            : throw new InvalidOperationException($"The walk has no data for {{{m.Groups[1].Value}}} in {template}: add it to Walk.Variants and RunPathFixture."));

    private static string Squash(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
