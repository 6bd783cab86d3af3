using System.Text;

namespace PrimeTech.Host.Tests;

/// <summary>PRODUCT §4.8: every /api failure is application/problem+json with a code and a trace id, never a stack trace.</summary>
[Collection(HostCollection.Name)]
public sealed class ErrorContractTests(HostFixture app)
{
    private readonly HttpClient _client = app.Host.Server.CreateClient();

    [Fact]
    public async Task Unknown_api_route_is_a_404_problem()
    {
        var problem = await SendAsync(HttpMethod.Get, "/api/no-such-thing", HttpStatusCode.NotFound);
        Assert.Equal("NOT_FOUND", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem()
    {
        var problem = await SendAsync(HttpMethod.Delete, "/api/test-probe/echo", HttpStatusCode.MethodNotAllowed);
        Assert.Equal("METHOD_NOT_ALLOWED", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var problem = await SendAsync(HttpMethod.Post, "/api/test-probe/echo", HttpStatusCode.BadRequest,
            new StringContent("{\"name\": \"x\", \"quantity\": ", Encoding.UTF8, "application/json"));
        Assert.Equal("MALFORMED_REQUEST", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Wrong_content_type_is_a_415_problem()
    {
        var problem = await SendAsync(HttpMethod.Post, "/api/test-probe/echo", HttpStatusCode.UnsupportedMediaType,
            new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unhandled_exception_is_a_500_problem_without_details()
    {
        var response = await _client.GetAsync("/api/test-probe/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("INTERNAL_ERROR", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("secret internal detail", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task A_valid_request_still_works()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { name = "widget", quantity = 2 }).ToUrl("/api/test-probe/echo");
            s.StatusCodeShouldBeOk();
        });
        Assert.Contains("widget", await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task Unknown_page_is_the_styled_404_page()
    {
        var response = await _client.GetAsync("/no-such-page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", html);
        Assert.Contains("<title>Page not found — Prime Tech Services</title>", html);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string url, HttpStatusCode expected, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.StartsWith("/problems/", problem.GetProperty("type").GetString());
        return problem;
    }
}
