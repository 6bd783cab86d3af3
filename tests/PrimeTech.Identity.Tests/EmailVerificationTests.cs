namespace PrimeTech.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class EmailVerificationTests(IdentityFixture app) : IDisposable
{
    public void Dispose() => app.Clock.Reset();

    private Task<IScenarioResult> VerifyAsync(string token, int expectedStatus) => app.Host.Scenario(s =>
    {
        s.Post.Json(new { token }).ToUrl("/api/auth/verify-email");
        s.StatusCodeShouldBe(expectedStatus);
    });

    private async Task<(TestUser User, string Token)> RegisterAsync()
    {
        var email = Accounts.NewEmail();
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, name = "Verifier", password = Accounts.DefaultPassword }).ToUrl("/api/auth/register");
            s.StatusCodeShouldBe(202);
        });
        var token = await app.EmailedTokenAsync(email, "/verify-email");
        return (await app.SignInAsync(email, Accounts.DefaultPassword), token);
    }

    [Fact]
    public async Task A_verification_link_works_once()
    {
        var (_, token) = await RegisterAsync();
        await VerifyAsync(token, 200);
        await (await VerifyAsync(token, 400)).AssertProblemAsync("TOKEN_INVALID_OR_EXPIRED");
    }

    [Fact]
    public async Task Parallel_uses_of_one_verification_link_succeed_once_even_when_nothing_else_changes()
    {
        // A password reset verifies the email first, so using the link changes the token alone: only
        // the token's own version lets one of the racers win.
        var (user, token) = await RegisterAsync();
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = user.Email }).ToUrl("/api/auth/forgot-password");
            s.StatusCodeShouldBe(202);
        });
        var reset = await app.EmailedTokenAsync(user.Email, "/reset-password");
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { token = reset, newPassword = "Reset-before-verifying-7" }).ToUrl("/api/auth/reset-password");
            s.StatusCodeShouldBe(204);
        });

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
            (await app.Host.Scenario(s =>
            {
                s.Post.Json(new { token }).ToUrl("/api/auth/verify-email");
                s.IgnoreStatusCode();
            })).Context.Response.StatusCode));

        Assert.Equal((1, 5), (statuses.Count(s => s == 200), statuses.Count(s => s == 400)));
    }

    [Fact]
    public async Task A_verification_link_expires_after_24_hours()
    {
        var (user, token) = await RegisterAsync();
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await (await VerifyAsync(token, 400)).AssertProblemAsync("TOKEN_INVALID_OR_EXPIRED");
        app.Clock.Reset();
        var fresh = await app.SignInAsync(user.Email, user.Password);
        Assert.False((await (await app.MeAsync(fresh, 200)).JsonAsync()).GetProperty("emailVerified").GetBoolean());
    }

    [Fact]
    public async Task Resend_sends_a_new_link_at_most_once_a_minute_and_using_it_invalidates_the_old()
    {
        var (user, first) = await RegisterAsync();
        async Task Resend() => await app.Host.Scenario(s =>
        {
            s.Post.Json(new { }).ToUrl("/api/auth/resend-verification");
            s.SignedInAs(user);
            s.StatusCodeShouldBe(202);
        });

        await Resend();   // within a minute of registering: silently nothing
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await Resend();
        var second = await app.EmailedTokenAsync(user.Email, "/verify-email", m => !m.Text!.Contains(first));
        Assert.Equal(2, (await app.Mail.ForAsync(user.Email)).Count(m => m.Subject == "Verify your email address"));

        await VerifyAsync(second, 200);
        await (await VerifyAsync(first, 400)).AssertProblemAsync("TOKEN_INVALID_OR_EXPIRED");
    }

    [Fact]
    public async Task Anonymous_resend_needs_a_valid_email()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = "" }).ToUrl("/api/auth/resend-verification");
            s.StatusCodeShouldBe(400);
        });
        Assert.Equal(["Enter your email address"], (await result.JsonAsync()).FieldErrors("email"));
    }

    [Fact]
    public async Task Unverified_users_are_refused_where_verification_is_required()
    {
        var unverified = await app.CreateCustomerAsync(verified: false);
        var verified = await app.CreateCustomerAsync();

        var refused = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/test-probe/verified");
            s.SignedInAs(unverified);
            s.StatusCodeShouldBe(403);
        });
        await refused.AssertProblemAsync("EMAIL_NOT_VERIFIED");
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/test-probe/verified");
            s.SignedInAs(verified);
            s.StatusCodeShouldBeOk();
        });
        await (await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/test-probe/verified");
            s.StatusCodeShouldBe(401);
        })).AssertProblemAsync("UNAUTHENTICATED");

        var page = await app.Host.Scenario(s =>
        {
            s.Get.Url("/test-probe/verified-page?x=1");
            s.SignedInAs(unverified);
            s.StatusCodeShouldBe(302);
        });
        Assert.Equal("/verify-email?returnUrl=%2Ftest-probe%2Fverified-page%3Fx%3D1", page.Context.Response.Headers.Location.ToString());
        var notice = await PageVisitor.For(app, unverified).GetAsync("/verify-email?returnUrl=%2Fcart");
        Assert.Contains("You need to verify your email address before you can check out or book.", notice.Html);
        Assert.Contains("Send a new link", notice.Html);
    }
}
