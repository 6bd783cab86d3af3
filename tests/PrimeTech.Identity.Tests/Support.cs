using System.Text.Json;
using System.Text.Json.Nodes;
using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Identity.Tests;

public static class Api
{
    public static async Task<JsonElement> JsonAsync(this IScenarioResult result) =>
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();

    /// <summary>The problem body without its per-request <c>traceId</c>, for comparing two answers.</summary>
    public static async Task<string> ProblemWithoutTraceAsync(this IScenarioResult result)
    {
        var body = JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    public static async Task AssertProblemAsync(this IScenarioResult result, string code)
    {
        Assert.Equal("application/problem+json", result.Context.Response.ContentType);
        Assert.Equal(code, (await result.JsonAsync()).GetProperty("code").GetString());
    }

    public static string[] FieldErrors(this JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static Task<IScenarioResult> MeAsync(this AppFixture app, TestUser user, int expectedStatus) =>
        app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/me");
            s.SignedInAs(user);
            s.StatusCodeShouldBe(expectedStatus);
        });

    public static Task<IScenarioResult> MeAsync(this AppFixture app, string sessionToken, int expectedStatus) =>
        app.MeAsync(new TestUser(Guid.Empty, "", "", "", sessionToken), expectedStatus);

    public static Task<IScenarioResult> LoginAsync(this AppFixture app, string email, string password, int expectedStatus, bool rememberMe = false) =>
        app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, password, rememberMe }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(expectedStatus);
        });

    /// <summary>A document of the identity store, read directly (for facts the API does not show).</summary>
    public static async Task<T?> LoadAsync<T>(this AppFixture app, object id) where T : class
    {
        await using var session = app.Host.Services.GetRequiredService<IIdentityStore>().QuerySession();
        return id switch
        {
            Guid g => await session.LoadAsync<T>(g),
            string s => await session.LoadAsync<T>(s),
            _ => throw new ArgumentException("Unsupported id type", nameof(id)),
        };
    }
}

/// <summary>
/// Test-only endpoints guarded by the shared policies (Carter finds this module in the test
/// assembly), so the module's refusals can be checked before other modules use them.
/// </summary>
public sealed class PolicyProbes : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/test-probe/verified", () => Results.Ok()).RequireAuthorization(Policies.VerifiedCustomer);
        app.MapGet("/api/test-probe/admin", () => Results.Ok()).RequireAuthorization(Policies.Admin);
        app.MapGet("/test-probe/admin-page", () => Results.Text("admin only")).RequireAuthorization(Policies.Admin);
        app.MapGet("/test-probe/verified-page", () => Results.Text("verified only")).RequireAuthorization(Policies.VerifiedCustomer);
    }
}
