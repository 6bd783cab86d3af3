using PrimeTech.Host.Platform;

namespace PrimeTech.Host.Tests;

/// <summary>
/// CODEX_HANDOFF §12: the security headers on every response, the error paths included (the API
/// exception handler, status-code pages, the body limit, the 500 page), and HSTS on https only.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class SecurityHeaderTests(HostFixture app)
{
    public static TheoryData<string, string, string?, int> Responses() => new()
    {
        // method, url, JSON body, expected status
        { "GET", "/", null, 200 },
        { "GET", "/health/live", null, 200 },
        { "GET", "/no-such-page", null, 404 },
        { "GET", "/api/no-such-thing", null, 404 },
        { "POST", "/api/auth/login", "{}", 400 },
        { "POST", "/api/test-probe/echo", "{\"name\":", 400 },
        { "GET", "/api/test-probe/boom", null, 500 },
        { "GET", "/test-probe/page-boom", null, 500 },
        { "POST", "/api/auth/login", "{\"password\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", 413 },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string method, string url, string? body, int status)
    {
        var result = await SendAsync(method, url, body, connectedFrom: null, forwardedProto: null);

        Assert.Equal(status, result.Context.Response.StatusCode);
        var headers = result.Context.Response.Headers;
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("DENY", headers.XFrameOptions.ToString());
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, headers.ContentSecurityPolicy.ToString());
        Assert.Equal("strict-origin-when-cross-origin", headers["Referrer-Policy"].ToString());
        Assert.False(headers.ContainsKey("Strict-Transport-Security"), "HSTS over plain http");
    }

    [Fact]
    public async Task The_emailed_link_pages_keep_no_referrer()
    {
        var result = await SendAsync("GET", "/reset-password?token=abc", null, null, null);

        Assert.Equal("no-referrer", result.Context.Response.Headers["Referrer-Policy"].ToString());
    }

    [Theory]
    [InlineData(HostFixture.KnownProxy, "/", true)]                 // https at the proxy: pinned
    [InlineData(HostFixture.KnownProxy, "/api/no-such-thing", true)] // errors too
    [InlineData("203.0.113.9", "/", false)]                         // a forged X-Forwarded-Proto is not https
    public async Task Hsts_outside_development_on_https_responses(string connectedFrom, string url, bool expected)
    {
        var result = await SendAsync("GET", url, null, connectedFrom, forwardedProto: "https");

        Assert.Equal(expected ? SecurityHeaders.StrictTransportSecurity : "",
            result.Context.Response.Headers.StrictTransportSecurity.ToString());
    }

    private Task<IScenarioResult> SendAsync(string method, string url, string? body, string? connectedFrom, string? forwardedProto) =>
        app.Host.Scenario(s =>
        {
            if (method == "GET") s.Get.Url(url);
            else s.Post.Text(body!).ToUrl(url);
            s.ConfigureHttpContext(http =>
            {
                if (body is not null) http.Request.ContentType = "application/json";
                if (connectedFrom is not null) http.Connection.RemoteIpAddress = IPAddress.Parse(connectedFrom);
            });
            if (forwardedProto is not null) s.WithRequestHeader("X-Forwarded-Proto", forwardedProto);
            s.IgnoreStatusCode();
        });
}
