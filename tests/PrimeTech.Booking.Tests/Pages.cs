using System.Net;
using System.Text.RegularExpressions;

namespace PrimeTech.Booking.Tests;

/// <summary>Pages as a browser without JavaScript uses them: GET, then POST the form with its antiforgery token and cookie.</summary>
public static partial class Pages
{
    public static async Task<(int Status, string Html)> GetAsync(AppFixture app, string url, string? sessionCookie = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (sessionCookie is not null) s.WithRequestHeader("Cookie", sessionCookie);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    /// <summary>Posts a form found on <paramref name="pageUrl"/>; returns status, body and Location (for redirects).</summary>
    public static async Task<(int Status, string Html, string? Location)> PostFormAsync(
        AppFixture app, string pageUrl, string postUrl, Dictionary<string, string> fields, string? sessionCookie = null)
    {
        var page = await app.Host.Scenario(s =>
        {
            s.Get.Url(pageUrl);
            if (sessionCookie is not null) s.WithRequestHeader("Cookie", sessionCookie);
        });
        var html = await page.ReadAsTextAsync();
        var token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        var cookies = string.Join("; ", page.Context.Response.Headers.SetCookie
            .Select(c => c!.Split(';')[0]).Append(sessionCookie).OfType<string>());

        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        var query = postUrl.Contains('?') ? postUrl[postUrl.IndexOf('?')..] : "";
        var path = postUrl.Contains('?') ? postUrl[..postUrl.IndexOf('?')] : postUrl;
        var result = await app.Host.Scenario(s =>
        {
            s.Post.FormData(form).ToUrl(path);
            s.ConfigureHttpContext(c => c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query));
            s.WithRequestHeader("Cookie", cookies);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync(),
            result.Context.Response.Headers.Location.FirstOrDefault());
    }

    public static async Task<string> TrackPageAsync(AppFixture app, string reference, string email)
    {
        var (status, html, _) = await PostFormAsync(app, "/bookings/track", "/bookings/track",
            new() { ["Reference"] = reference, ["Email"] = email });
        if (status != 200) throw new InvalidOperationException($"Track page answered {status}");
        return html;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
