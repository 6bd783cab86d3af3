using System.Globalization;

namespace PrimeTech.Identity.Tests;

/// <summary>The auth limits lowered to 3 requests a minute for the test (the policy reads them per request).</summary>
[Collection(IdentityCollection.Name)]
public sealed class AuthRateLimitTests(IdentityFixture app)
{
    [Fact]
    public async Task The_fourth_auth_request_in_a_minute_gets_429_with_retry_after()
    {
        using var lowered = app.Override(("RateLimits:Auth:PermitLimit", "3"), ("RateLimits:Auth:Window", "00:01:00"));
        var statuses = new List<int>();
        IScenarioResult? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { email = Accounts.NewEmail(), password = "Wrong-password-1" }).ToUrl("/api/auth/login");
                s.IgnoreStatusCode();
            });
            statuses.Add(last.Context.Response.StatusCode);
        }

        Assert.Equal([401, 401, 401, 429], statuses);
        await last!.AssertProblemAsync("RATE_LIMITED");
        var retryAfter = int.Parse(last!.Context.Response.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal($"Too many requests. Try again in {retryAfter} seconds.", (await last.JsonAsync()).GetProperty("detail").GetString());

        // The page posts share the limit and get the styled 429 page; viewing pages is not counted.
        var visitor = new PageVisitor(app);
        var page = await visitor.PostFormAsync("/login", new Dictionary<string, string> { ["Input.Email"] = "a@b.test", ["Input.Password"] = "x" }, 429);
        var pageRetryAfter = page.Result.Context.Response.Headers.RetryAfter.ToString();
        Assert.False(string.IsNullOrEmpty(pageRetryAfter));
        Assert.Contains($"Wait {pageRetryAfter} seconds and try again.", page.Html);
        Assert.Equal(200, (await visitor.GetAsync("/login")).Status);
    }
}
