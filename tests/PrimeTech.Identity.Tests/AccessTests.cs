namespace PrimeTech.Identity.Tests;

/// <summary>Who may go where: sign-in redirects, admin refusals, return URLs and cross-site requests.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AccessTests(IdentityFixture app)
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_with_a_return_url()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/account/profile?tab=1");
            s.StatusCodeShouldBe(302);
        });
        Assert.Equal("/login?returnUrl=%2Faccount%2Fprofile%3Ftab%3D1", result.Context.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Admin_only_pages_and_api_refuse_customers()
    {
        var customer = await app.CreateCustomerAsync();
        var admin = await app.SignInAdminAsync();

        await (await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/test-probe/admin");
            s.StatusCodeShouldBe(401);
        })).AssertProblemAsync("UNAUTHENTICATED");
        await (await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/test-probe/admin");
            s.SignedInAs(customer);
            s.StatusCodeShouldBe(403);
        })).AssertProblemAsync("FORBIDDEN");
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/test-probe/admin");
            s.SignedInAs(admin);
            s.StatusCodeShouldBeOk();
        });

        var page = await app.Host.Scenario(s =>
        {
            s.Get.Url("/test-probe/admin-page");
            s.SignedInAs(customer);
            s.StatusCodeShouldBe(403);
        });
        Assert.Contains("You do not have access to this page", await page.ReadAsTextAsync());
        var anonymous = await app.Host.Scenario(s =>
        {
            s.Get.Url("/test-probe/admin-page");
            s.StatusCodeShouldBe(302);
        });
        Assert.Equal("/login?returnUrl=%2Ftest-probe%2Fadmin-page", anonymous.Context.Response.Headers.Location.ToString());
    }

    [Theory]
    [InlineData("//evil.com", "/account")]
    [InlineData("https://evil.com", "/account")]
    [InlineData("/\\evil.com", "/account")]
    [InlineData("\\\\evil.com", "/account")]
    [InlineData("javascript:alert(1)", "/account")]
    [InlineData("/%09/evil.com", "/%09/evil.com")]
    [InlineData("/account/security?x=1", "/account/security?x=1")]
    public async Task Sign_in_returns_only_to_local_urls(string returnUrl, string expected)
    {
        var user = await app.CreateCustomerAsync();
        var visitor = new PageVisitor(app);

        var signedIn = await visitor.PostFormAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password }, 303);
        Assert.Equal(expected, signedIn.Location);

        var again = await visitor.GetAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl), 303);
        Assert.Equal(expected, again.Location);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    public async Task Cross_site_json_mutations_are_refused(string header, string value)
    {
        var user = await app.CreateCustomerAsync();

        var refused = await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { name = "Changed by another site" }).ToUrl("/api/auth/me");
            s.SignedInAs(user);
            s.WithRequestHeader(header, value);
            s.StatusCodeShouldBe(403);
        });
        await refused.AssertProblemAsync("CSRF_REJECTED");
        await (await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = user.Email, password = user.Password }).ToUrl("/api/auth/login");
            s.WithRequestHeader(header, value);
            s.StatusCodeShouldBe(403);
        })).AssertProblemAsync("CSRF_REJECTED");
        Assert.Equal("Test Customer", (await (await app.MeAsync(user, 200)).JsonAsync()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Sec-Fetch-Site", "none")]
    [InlineData("Origin", "http://127.0.0.1:5080")]
    public async Task Same_origin_json_mutations_pass(string header, string value)
    {
        var user = await app.CreateCustomerAsync();
        await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { name = "Same site" }).ToUrl("/api/auth/me");
            s.SignedInAs(user);
            s.WithRequestHeader(header, value);
            s.StatusCodeShouldBeOk();
        });
    }

    [Fact]
    public async Task The_stripe_webhook_and_licence_api_are_not_checked_for_origin()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { }).ToUrl("/api/webhooks/stripe");
            s.WithRequestHeader("Sec-Fetch-Site", "cross-site");
            s.IgnoreStatusCode();
        });
        Assert.DoesNotContain("CSRF_REJECTED", await result.ReadAsTextAsync());
    }
}
