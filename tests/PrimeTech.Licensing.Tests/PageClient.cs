using System.Net;
using System.Text.RegularExpressions;
using PrimeTech.Testing;

namespace PrimeTech.Licensing.Tests;

/// <summary>
/// A browser-like client for the server-rendered pages on the in-memory server: it keeps cookies
/// (session, antiforgery, TempData) and posts forms with the antiforgery token of the page it last read.
/// </summary>
public sealed partial class PageClient(AppFixture app, TestUser? user = null)
{
    private readonly Dictionary<string, string> _cookies = user is null ? [] : new() { ["__Host-pts"] = user.SessionToken };
    private string? _token;

    public async Task<PageAnswer> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var answer = await SendAsync(request);
        if (TokenField().Match(answer.Html) is { Success: true } token) _token = WebUtility.HtmlDecode(token.Groups[1].Value);
        return answer;
    }

    public async Task<PageAnswer> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (_token is not null) form.Add(new("__RequestVerificationToken", _token));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    private async Task<PageAnswer> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        using var client = app.Host.Server.CreateClient();
        using var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0].Split('=', 2);
                if (pair.Length != 2) continue;
                if (pair[1].Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    _cookies.Remove(pair[0]);
                else
                    _cookies[pair[0]] = pair[1];
            }
        return new PageAnswer(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

public sealed record PageAnswer(HttpStatusCode Status, string? Location, string Html)
{
    public string Text => WebUtility.HtmlDecode(Regex.Replace(Html, "<[^>]+>", " "));
}
