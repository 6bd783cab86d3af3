using System.Text.Json;
using Alba;
using Xunit;

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
        var request = paths.GetProperty("/api/licences/activate").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(request.TryGetProperty("application/json", out _));
    }

    private static void AssertExamples(JsonElement paths, string path, Dictionary<string, string[]> expected)
    {
        var responses = paths.GetProperty(path).GetProperty("post").GetProperty("responses");
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
