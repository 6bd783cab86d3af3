using System.Net;

namespace PrimeTech.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class SessionRevocationTests(IdentityFixture app)
{
    [Fact]
    public async Task A_copied_cookie_stops_working_at_logout()
    {
        var user = await app.CreateCustomerAsync();
        using var browser = app.ClientFor(user);
        using var thief = app.ClientFor(user);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/auth/me")).StatusCode);

        var logout = await browser.PostAsync("/api/auth/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Contains(logout.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-pts=;", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Logout_without_a_session_still_answers_204()
    {
        await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/auth/logout");
            s.StatusCodeShouldBe(204);
        });
    }

    [Fact]
    public async Task Changing_the_password_revokes_every_session_and_renews_this_one()
    {
        var user = await app.CreateCustomerAsync();
        var elsewhere = await app.SignInAsync(user.Email, user.Password, rememberMe: true);
        const string newPassword = "A-brand-new-password-9";

        var changed = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { currentPassword = user.Password, newPassword }).ToUrl("/api/auth/change-password");
            s.SignedInAs(user);
            s.StatusCodeShouldBeOk();
        });
        var renewed = Accounts.SessionTokenFrom(changed.Context.Response.Headers.SetCookie);

        await app.MeAsync(user, 401);
        await app.MeAsync(elsewhere, 401);
        await app.MeAsync(renewed, 200);
        await app.LoginAsync(user.Email, user.Password, 401);
        await app.LoginAsync(user.Email, newPassword, 200);
        var mail = await app.Mail.WaitForAsync(user.Email, m => m.Subject == "Your password was changed");
        Assert.Contains("http://127.0.0.1:5080/forgot-password", mail.Text);
    }

    [Fact]
    public async Task Change_password_checks_the_current_password_and_the_new_one()
    {
        var user = await app.CreateCustomerAsync();

        async Task<System.Text.Json.JsonElement> Refused(object body)
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Json(body).ToUrl("/api/auth/change-password");
                s.SignedInAs(user);
                s.StatusCodeShouldBe(400);
            });
            return await result.JsonAsync();
        }

        Assert.Equal(["Your current password is incorrect"],
            (await Refused(new { currentPassword = "Not-my-password-1", newPassword = "Whatever-new-pass-1" })).FieldErrors("currentPassword"));
        Assert.Equal(["Your new password must be different from your current password"],
            (await Refused(new { currentPassword = user.Password, newPassword = user.Password })).FieldErrors("newPassword"));
        var empty = await Refused(new { currentPassword = "", newPassword = "" });
        Assert.Equal(["Enter your current password"], empty.FieldErrors("currentPassword"));
        Assert.Equal(["Enter a password"], empty.FieldErrors("newPassword"));
        Assert.Equal(["Your password must not be your email address"],
            (await Refused(new { currentPassword = user.Password, newPassword = user.Email })).FieldErrors("newPassword"));
        await app.MeAsync(user, 200);
    }

    [Fact]
    public async Task Sessions_are_listed_and_the_others_can_be_signed_out()
    {
        var a = await app.CreateCustomerAsync();
        var b = await app.SignInAsync(a.Email, a.Password);
        var c = await app.SignInAsync(a.Email, a.Password);

        var list = await (await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/sessions");
            s.SignedInAs(a);
            s.WithRequestHeader("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
            s.StatusCodeShouldBeOk();
        })).JsonAsync();
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Single(items, i => i.GetProperty("current").GetBoolean());
        Assert.All(items, i => Assert.Equal("Unknown device", i.GetProperty("device").GetString()));

        var revoked = await (await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/auth/sessions/revoke-others");
            s.SignedInAs(a);
            s.StatusCodeShouldBeOk();
        })).JsonAsync();
        Assert.Equal(2, revoked.GetProperty("revokedCount").GetInt32());
        await app.MeAsync(a, 200);
        await app.MeAsync(b, 401);
        await app.MeAsync(c, 401);
    }

    [Fact]
    public async Task One_session_can_be_signed_out_but_not_someone_elses()
    {
        var owner = await app.CreateCustomerAsync();
        var other = await app.SignInAsync(owner.Email, owner.Password);
        var stranger = await app.CreateCustomerAsync();
        var otherId = (await (await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/sessions");
            s.SignedInAs(other);
            s.StatusCodeShouldBeOk();
        })).JsonAsync()).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();

        var refused = await app.Host.Scenario(s =>
        {
            s.Delete.Url($"/api/auth/sessions/{otherId}");
            s.SignedInAs(stranger);
            s.StatusCodeShouldBe(404);
        });
        await refused.AssertProblemAsync("NOT_FOUND");
        await app.MeAsync(other, 200);

        await app.Host.Scenario(s =>
        {
            s.Delete.Url($"/api/auth/sessions/{otherId}");
            s.SignedInAs(owner);
            s.StatusCodeShouldBe(204);
        });
        await app.MeAsync(other, 401);
        await app.MeAsync(owner, 200);
    }

    [Fact]
    public async Task Devices_are_named_from_the_user_agent()
    {
        Assert.Equal("Chrome on Windows", Sessions.Devices.Describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"));
        Assert.Equal("Safari on iOS", Sessions.Devices.Describe("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"));
        Assert.Equal("Firefox on Linux", Sessions.Devices.Describe("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"));
        Assert.Equal("Edge on Windows", Sessions.Devices.Describe("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0"));
        Assert.Equal("Unknown device", Sessions.Devices.Describe(""));
    }
}
