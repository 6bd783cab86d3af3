using System.Globalization;

namespace PrimeTech.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class LockoutTests(IdentityFixture app) : IDisposable
{
    public void Dispose() => app.Clock.Reset();

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_email_for_15_minutes()
    {
        var user = await app.CreateCustomerAsync();
        for (var i = 0; i < 5; i++)
            await app.LoginAsync(user.Email, "Wrong-password-" + i, 401);

        var locked = await app.LoginAsync(user.Email, user.Password, 423);
        await locked.AssertProblemAsync("ACCOUNT_LOCKED");
        var retryAfter = int.Parse(locked.Context.Response.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 14 * 60, 15 * 60);
        Assert.Contains("Try again in 15 minutes, or reset your password.", (await locked.JsonAsync()).GetProperty("detail").GetString());

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        await app.LoginAsync(user.Email, user.Password, 423);
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        await app.LoginAsync(user.Email, user.Password, 200);
    }

    [Fact]
    public async Task Unknown_emails_lock_exactly_like_known_ones()
    {
        var known = await app.CreateCustomerAsync();
        var unknown = Accounts.NewEmail();
        for (var i = 0; i < 5; i++)
        {
            await app.LoginAsync(known.Email, "Wrong-password-x", 401);
            await app.LoginAsync(unknown, "Wrong-password-x", 401);
        }

        var a = await app.LoginAsync(known.Email, "Wrong-password-x", 423);
        var b = await app.LoginAsync(unknown, "Wrong-password-x", 423);
        Assert.Equal(await a.ProblemWithoutTraceAsync(), await b.ProblemWithoutTraceAsync());
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_count()
    {
        var user = await app.CreateCustomerAsync();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
                await app.LoginAsync(user.Email, "Wrong-password-" + i, 401);
            await app.LoginAsync(user.Email, user.Password, 200);
        }
    }

    [Fact]
    public async Task Parallel_failures_lock_after_exactly_five()
    {
        var user = await app.CreateCustomerAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { email = user.Email, password = "Wrong-password-" + i }).ToUrl("/api/auth/login");
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode;
        }));

        Assert.Equal(5, statuses.Count(s => s == 401));
        Assert.Equal(5, statuses.Count(s => s == 423));
    }
}
