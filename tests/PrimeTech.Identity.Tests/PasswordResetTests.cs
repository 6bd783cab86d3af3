using PrimeTech.Identity.Auth;

namespace PrimeTech.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class PasswordResetTests(IdentityFixture app) : IDisposable
{
    private const string NewPassword = "Reset-to-this-password-7";

    public void Dispose() => app.Clock.Reset();

    private Task<IScenarioResult> ForgotAsync(string email) => app.Host.Scenario(s =>
    {
        s.Post.Json(new { email }).ToUrl("/api/auth/forgot-password");
        s.StatusCodeShouldBe(202);
    });

    private Task<IScenarioResult> ResetAsync(string token, string newPassword, int expectedStatus) => app.Host.Scenario(s =>
    {
        s.Post.Json(new { token, newPassword }).ToUrl("/api/auth/reset-password");
        s.StatusCodeShouldBe(expectedStatus);
    });

    [Fact]
    public async Task Reset_flow_signs_out_everywhere_and_the_link_works_once()
    {
        var user = await app.CreateCustomerAsync();
        await ForgotAsync(user.Email);
        var mail = await app.Mail.WaitForAsync(user.Email, m => m.Subject == "Reset your password");
        Assert.Contains("http://127.0.0.1:5080/reset-password?token=", mail.Text);
        Assert.Contains("http://127.0.0.1:5080/reset-password?token=", mail.Html);
        Assert.Contains("expires in 1 hour", mail.Text);
        var token = Accounts.TokenIn(mail, "/reset-password");

        await ResetAsync(token, NewPassword, 204);

        await app.MeAsync(user, 401);
        await app.LoginAsync(user.Email, user.Password, 401);
        await app.LoginAsync(user.Email, NewPassword, 200);
        await app.Mail.WaitForAsync(user.Email, m => m.Subject == "Your password was changed");
        var reused = await ResetAsync(token, "Yet-another-password-8", 400);
        await reused.AssertProblemAsync("TOKEN_INVALID_OR_EXPIRED");
    }

    [Fact]
    public async Task A_reset_link_expires_after_an_hour()
    {
        var user = await app.CreateCustomerAsync();
        await ForgotAsync(user.Email);
        var token = await app.EmailedTokenAsync(user.Email, "/reset-password");

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var expired = await ResetAsync(token, NewPassword, 400);
        await expired.AssertProblemAsync("TOKEN_INVALID_OR_EXPIRED");
        app.Clock.Reset();
        await app.LoginAsync(user.Email, user.Password, 200);
    }

    [Fact]
    public async Task Using_one_reset_link_invalidates_the_others()
    {
        var user = await app.CreateCustomerAsync();
        await ForgotAsync(user.Email);
        var first = await app.EmailedTokenAsync(user.Email, "/reset-password");
        app.Clock.Advance(ForgotPasswordHandler.CoolDown);   // one reset email a minute per account
        await ForgotAsync(user.Email);
        var second = await app.EmailedTokenAsync(user.Email, "/reset-password", m => !m.Text!.Contains(first));

        await ResetAsync(second, NewPassword, 204);
        await (await ResetAsync(first, "Some-other-password-5", 400)).AssertProblemAsync("TOKEN_INVALID_OR_EXPIRED");
        await app.LoginAsync(user.Email, NewPassword, 200);
    }

    [Fact]
    public async Task Parallel_uses_of_one_link_succeed_once()
    {
        var user = await app.CreateCustomerAsync();
        await ForgotAsync(user.Email);
        var token = await app.EmailedTokenAsync(user.Email, "/reset-password");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
            (await app.Host.Scenario(s =>
            {
                s.Post.Json(new { token, newPassword = $"Parallel-password-{i}-x" }).ToUrl("/api/auth/reset-password");
                s.IgnoreStatusCode();
            })).Context.Response.StatusCode));

        Assert.Equal(1, statuses.Count(s => s == 204));
        Assert.Equal(5, statuses.Count(s => s == 400));
    }

    [Fact]
    public async Task A_reset_verifies_the_email_and_clears_the_lockout()
    {
        var user = await app.CreateCustomerAsync(verified: false);
        for (var i = 0; i < 5; i++) await app.LoginAsync(user.Email, "Wrong-password-" + i, 401);
        await app.LoginAsync(user.Email, user.Password, 423);

        await ForgotAsync(user.Email);
        await ResetAsync(await app.EmailedTokenAsync(user.Email, "/reset-password"), NewPassword, 204);

        var signedIn = await app.SignInAsync(user.Email, NewPassword);
        Assert.True((await (await app.MeAsync(signedIn, 200)).JsonAsync()).GetProperty("emailVerified").GetBoolean());
    }

    [Fact]
    public async Task Reset_checks_the_new_password_and_the_token()
    {
        var weak = await ResetAsync(new string('A', 43), "short", 400);
        Assert.Equal(["Password must be at least 12 characters"], (await weak.JsonAsync()).FieldErrors("newPassword"));
        await (await ResetAsync("not-a-token", NewPassword, 400)).AssertProblemAsync("TOKEN_INVALID_OR_EXPIRED");
        await (await ResetAsync(new string('A', 43), NewPassword, 400)).AssertProblemAsync("TOKEN_INVALID_OR_EXPIRED");

        var forgot = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = "nope" }).ToUrl("/api/auth/forgot-password");
            s.StatusCodeShouldBe(400);
        });
        Assert.Equal(["Enter an email address in the correct format, like name@example.com"], (await forgot.JsonAsync()).FieldErrors("email"));
    }
}
