namespace PrimeTech.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class LoginTests(IdentityFixture app)
{
    [Fact]
    public async Task Unverified_users_can_sign_in()
    {
        var user = await app.CreateCustomerAsync(verified: false);

        var me = await (await app.MeAsync(user, 200)).JsonAsync();
        Assert.Equal(user.Id, me.GetProperty("id").GetGuid());
        Assert.False(me.GetProperty("emailVerified").GetBoolean());
    }

    [Fact]
    public async Task The_session_cookie_is_host_only_secure_httponly_and_lax()
    {
        var user = await app.CreateCustomerAsync();

        var normal = (await app.LoginAsync(user.Email, user.Password, 200)).Context.Response.Headers.SetCookie.ToString().ToLowerInvariant();
        Assert.StartsWith("__host-pts=", normal);
        Assert.Contains("path=/", normal);
        Assert.Contains("secure", normal);
        Assert.Contains("httponly", normal);
        Assert.Contains("samesite=lax", normal);
        Assert.DoesNotContain("domain=", normal);
        Assert.DoesNotContain("expires=", normal);

        var persistent = (await app.LoginAsync(user.Email, user.Password, 200, rememberMe: true)).Context.Response.Headers.SetCookie.ToString().ToLowerInvariant();
        Assert.Contains("expires=", persistent);
    }

    [Fact]
    public async Task Every_sign_in_issues_a_new_session_and_replaces_the_one_sent()
    {
        var user = await app.CreateCustomerAsync();
        var second = await app.SignInAsync(user.Email, user.Password);
        Assert.NotEqual(user.SessionToken, second.SessionToken);
        await app.MeAsync(user, 200);
        await app.MeAsync(second, 200);

        // Signing in from a browser that already holds a session revokes that session.
        var replaced = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = user.Email, password = user.Password }).ToUrl("/api/auth/login");
            s.SignedInAs(second);
            s.StatusCodeShouldBeOk();
        });
        var third = Accounts.SessionTokenFrom(replaced.Context.Response.Headers.SetCookie);
        Assert.NotEqual(second.SessionToken, third);
        await app.MeAsync(second, 401);
        await app.MeAsync(third, 200);
    }

    [Fact]
    public async Task Login_requires_email_and_password()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = "", password = "" }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(400);
        });
        var problem = await result.JsonAsync();
        Assert.Equal(["Enter your email address"], problem.FieldErrors("email"));
        Assert.Equal(["Enter your password"], problem.FieldErrors("password"));
    }

    [Fact]
    public async Task Me_without_a_session_is_401_problem()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/me");
            s.StatusCodeShouldBe(401);
        });
        await result.AssertProblemAsync("UNAUTHENTICATED");

        var forged = await app.MeAsync(new string('A', 43), 401);
        await forged.AssertProblemAsync("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Name_can_be_changed_through_the_api()
    {
        var user = await app.CreateCustomerAsync();
        var result = await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { name = "  Grace Hopper  " }).ToUrl("/api/auth/me");
            s.SignedInAs(user);
            s.StatusCodeShouldBeOk();
        });
        Assert.Equal("Grace Hopper", (await result.JsonAsync()).GetProperty("name").GetString());

        var invalid = await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { name = "" }).ToUrl("/api/auth/me");
            s.SignedInAs(user);
            s.StatusCodeShouldBe(400);
        });
        Assert.Equal(["Enter your name"], (await invalid.JsonAsync()).FieldErrors("name"));
    }
}
