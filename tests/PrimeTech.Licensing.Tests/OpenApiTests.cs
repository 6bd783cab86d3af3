namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class OpenApiTests(LicensingFixture app)
{
    [Fact]
    public async Task The_licence_API_is_documented_with_an_example_for_each_code()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/openapi.json");
            s.StatusCodeShouldBeOk();
        });
        var paths = JsonDocument.Parse(result.ReadAsText()).RootElement.GetProperty("paths");

        AssertExamples(paths, "/api/licences/activate", new()
        {
            ["200"] = ["activated"],
            ["400"] = ["INVALID_LICENCE_KEY", "VALIDATION_FAILED"],
            ["403"] = ["LICENCE_REVOKED"],
            ["404"] = ["LICENCE_NOT_FOUND"],
            ["409"] = ["LICENCE_ACTIVATION_LIMIT_REACHED"],
            ["429"] = ["RATE_LIMITED"],
        });
        AssertExamples(paths, "/api/licences/validate", new()
        {
            ["200"] = ["valid", "notActivated", "fingerprintMismatch", "revoked", "notFound"],
            ["400"] = ["INVALID_LICENCE_KEY", "VALIDATION_FAILED"],
            ["429"] = ["RATE_LIMITED"],
        });
        AssertExamples(paths, "/api/licences/deactivate", new()
        {
            ["200"] = ["deactivated"],
            ["400"] = ["INVALID_LICENCE_KEY", "VALIDATION_FAILED"],
            ["403"] = ["LICENCE_REVOKED"],
            ["404"] = ["LICENCE_NOT_FOUND"],
            ["409"] = ["LICENCE_FINGERPRINT_MISMATCH"],
            ["429"] = ["RATE_LIMITED"],
        });
        AssertExamples(paths, "/api/licences/heartbeat", new()
        {
            ["200"] = ["seen"],
            ["400"] = ["INVALID_LICENCE_KEY", "VALIDATION_FAILED"],
            ["403"] = ["LICENCE_REVOKED"],
            ["404"] = ["LICENCE_NOT_FOUND"],
            ["409"] = ["LICENCE_NOT_ACTIVATED"],
            ["429"] = ["RATE_LIMITED"],
        });
        AssertExamples(paths, "/api/licences/updates", new()
        {
            ["200"] = ["update", "none"],
            ["400"] = ["INVALID_LICENCE_KEY", "VALIDATION_FAILED"],
            ["403"] = ["LICENCE_REVOKED"],
            ["404"] = ["LICENCE_NOT_FOUND"],
            ["429"] = ["RATE_LIMITED"],
        }, "get");
        AssertExamples(paths, "/api/licences/keys", new() { ["200"] = ["keys"], ["429"] = ["RATE_LIMITED"] }, "get");
        var request = paths.GetProperty("/api/licences/activate").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(request.TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task The_interactive_reference_at_api_docs_reads_the_OpenAPI_document_and_its_scripts_are_served()
    {
        var page = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/docs/");
            s.StatusCodeShouldBeOk();
        });
        var html = page.ReadAsText();
        Assert.Contains("\"url\":\"api/openapi.json\"", html);
        Assert.Contains("Prime Tech API", html);
        Assert.Contains("script-src 'self' 'unsafe-inline'", page.Context.Response.Headers.ContentSecurityPolicy.ToString());
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]+src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var url = script.StartsWith('/') ? script : "/api/docs/" + script.TrimStart('.', '/');
            await app.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.StatusCodeShouldBeOk();
            });
        }

        var site = await app.Host.Scenario(s => s.Get.Url("/"));
        Assert.DoesNotContain("unsafe-inline", site.Context.Response.Headers.ContentSecurityPolicy.ToString());
    }

    private static void AssertExamples(JsonElement paths, string path, Dictionary<string, string[]> expected, string method = "post")
    {
        var responses = paths.GetProperty(path).GetProperty(method).GetProperty("responses");
        foreach (var (status, names) in expected)
        {
            var content = responses.GetProperty(status).GetProperty("content");
            var media = content.GetProperty(status == "200" ? "application/json" : "application/problem+json");
            var examples = media.GetProperty("examples");
            foreach (var name in names)
                Assert.True(examples.TryGetProperty(name, out var example) && example.TryGetProperty("value", out _),
                    $"{path} {status} has no example '{name}'");
        }
    }
}
