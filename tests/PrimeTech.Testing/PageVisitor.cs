using System.Net;
using System.Text.RegularExpressions;
using Alba;
using PrimeTech.Identity.Sessions;

namespace PrimeTech.Testing;

/// <summary>
/// A browser stand-in for Razor Pages tests on the in-memory host: keeps cookies between requests
/// (session, antiforgery, TempData) and posts forms with the antiforgery token taken from the page.
/// </summary>
public sealed partial class PageVisitor(AppFixture app)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public static PageVisitor For(AppFixture app, TestUser? user = null)
    {
        var visitor = new PageVisitor(app);
        if (user is not null) visitor.SignInAs(user);
        return visitor;
    }

    public void SignInAs(TestUser user) => _cookies[SessionCookie.Name] = user.SessionToken;

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    public string? SessionToken => Cookie(SessionCookie.Name);

    /// <summary>Gets a page; <paramref name="expectedStatus"/> null accepts any status.</summary>
    public async Task<PageResponse> GetAsync(string url, int? expectedStatus = 200)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            SendCookies(s);
            Expect(s, expectedStatus);
        });
        return await AbsorbAsync(result);
    }

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="url"/> as a form, with the antiforgery token
    /// of the form found at <paramref name="formPage"/> (default: the same URL); <paramref name="expectedStatus"/>
    /// null accepts any status.
    /// </summary>
    public async Task<PageResponse> PostFormAsync(string url, IDictionary<string, string> fields, int? expectedStatus, string? formPage = null)
    {
        var form = await GetAsync(formPage ?? url);
        var data = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(form.Html) };
        return await PostAsync(url, data, expectedStatus, origin: null);
    }

    /// <summary>
    /// Posts a form the way another site's page makes the browser post it: with this visitor's
    /// cookies and a foreign <c>Origin</c>, but without the antiforgery token only the site can read.
    /// </summary>
    public Task<PageResponse> PostForeignFormAsync(string url, IDictionary<string, string> fields, string origin) =>
        PostAsync(url, new Dictionary<string, string>(fields), expectedStatus: null, origin);

    private async Task<PageResponse> PostAsync(string url, Dictionary<string, string> data, int? expectedStatus, string? origin)
    {
        var query = url.IndexOf('?');
        var result = await app.Host.Scenario(s =>
        {
            // Alba's form posts take a path only: the query string is set on the request itself.
            s.Post.FormData(data).ToUrl(query < 0 ? url : url[..query]);
            if (query >= 0) s.ConfigureHttpContext(http => http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(url[query..]));
            if (origin is not null) s.WithRequestHeader("Origin", origin);
            SendCookies(s);
            Expect(s, expectedStatus);
        });
        return await AbsorbAsync(result);
    }

    private static void Expect(Scenario s, int? status)
    {
        if (status is { } expected) s.StatusCodeShouldBe(expected);
        else s.IgnoreStatusCode();
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenInput().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    private void SendCookies(Scenario s)
    {
        if (_cookies.Count > 0)
            s.WithRequestHeader("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
    }

    private async Task<PageResponse> AbsorbAsync(IScenarioResult result)
    {
        var response = result.Context.Response;
        foreach (var header in response.Headers.SetCookie)
        {
            var pair = (header ?? "").Split(';')[0];
            var equals = pair.IndexOf('=');
            if (equals <= 0) continue;
            var name = pair[..equals].Trim();
            var value = pair[(equals + 1)..].Trim();
            var expired = Regex.IsMatch(header!, "expires=Thu, 01 Jan 1970", RegexOptions.IgnoreCase);
            if (value.Length == 0 || expired) _cookies.Remove(name);
            else _cookies[name] = value;
        }
        var html = await result.ReadAsTextAsync();
        return new PageResponse(response.StatusCode, html, response.Headers.Location.ToString(), result);
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex TokenInput();
}

public sealed record PageResponse(int Status, string Html, string Location, IScenarioResult Result);
