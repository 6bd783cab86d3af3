using Marten;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.TwoFactor;
using System.Globalization;

namespace PrimeTech.Identity.Tests;

/// <summary>Two-factor sign-in (TOTP, RFC 6238) through the real API: enrolment, the second sign-in step, reuse, throttling, recovery codes.</summary>
[Collection(IdentityCollection.Name)]
public sealed class TwoFactorTests(IdentityFixture app) : IDisposable
{
    public void Dispose() => app.Clock.Reset();

    [Fact]
    public async Task An_admin_who_has_not_enrolled_gets_MFA_ENROLMENT_REQUIRED_from_the_admin_API_until_they_do()
    {
        var (newAdmin, _) = await NewAdminAsync();

        foreach (var url in new[] { "/api/admin/users", "/api/test-probe/admin", "/api/admin/orders" })
        {
            var refused = await app.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.SignedInAs(newAdmin);
                s.StatusCodeShouldBe(403);
            });
            await refused.AssertProblemAsync("MFA_ENROLMENT_REQUIRED");
        }
        // The enrolment endpoints themselves, and the rest of the account, stay open.
        await app.MeAsync(newAdmin, 200);

        await app.EnrolTwoFactorAsync(newAdmin);
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/admin/users");
            s.SignedInAs(newAdmin);
            s.StatusCodeShouldBeOk();
        });
    }

    [Fact]
    public async Task Admin_pages_send_an_admin_who_has_not_enrolled_to_the_enrolment_page()
    {
        var (newAdmin, _) = await NewAdminAsync();

        var redirected = await app.Host.Scenario(s =>
        {
            s.Get.Url("/admin/users");
            s.SignedInAs(newAdmin);
            s.StatusCodeShouldBe(302);
        });
        Assert.Equal("/account/two-factor?returnUrl=%2Fadmin%2Fusers", redirected.Context.Response.Headers.Location.ToString());

        var enrolment = await PageVisitor.For(app, newAdmin).GetAsync("/account/two-factor?returnUrl=%2Fadmin%2Fusers");
        Assert.Contains("Admins must set up two-factor sign-in", enrolment.Html);
        Assert.Contains("src=\"data:image/png;base64,", enrolment.Html);

        await app.EnrolTwoFactorAsync(newAdmin);
        await PageVisitor.For(app, newAdmin).GetAsync("/admin/users");
    }

    [Fact]
    public async Task Setup_answers_a_secret_and_its_otpauth_uri_and_the_secret_is_stored_only_encrypted()
    {
        var customer = await app.CreateCustomerAsync();
        var setup = await (await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/auth/two-factor/setup");
            s.SignedInAs(customer);
            s.StatusCodeShouldBeOk();
        })).JsonAsync();

        var secret = setup.GetProperty("secret").GetString()!;
        Assert.Matches("^[A-Z2-7]{32}$", secret);
        var uri = setup.GetProperty("otpauthUri").GetString()!;
        Assert.StartsWith("otpauth://totp/", uri);
        Assert.Contains("secret=" + secret, uri);
        Assert.Contains("issuer=Prime%20Tech%20Services", uri);

        var stored = await app.LoadAsync<User>(customer.Id);
        Assert.NotNull(stored!.PendingTwoFactorSecret);
        Assert.DoesNotContain(secret, stored.PendingTwoFactorSecret);
        Assert.False(stored.TwoFactorEnabled);
        // Until confirmed, sign-in is unchanged.
        await app.LoginAsync(customer.Email, customer.Password, 200);
    }

    [Fact]
    public async Task Confirm_refuses_a_wrong_code_and_then_turns_it_on_with_ten_hashed_single_use_recovery_codes()
    {
        var customer = await app.CreateCustomerAsync();
        var secret = await SetupAsync(customer);

        var wrong = await ConfirmAsync(customer, WrongCodeFor(secret), 401);
        await wrong.AssertProblemAsync("MFA_CODE_INVALID");
        Assert.False((await app.LoadAsync<User>(customer.Id))!.TwoFactorEnabled);

        var confirmed = await (await ConfirmAsync(customer, TwoFactorSteps.Code(secret, app.Clock.GetUtcNow()), 200)).JsonAsync();
        var codes = confirmed.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", c));

        var stored = (await app.LoadAsync<User>(customer.Id))!;
        Assert.True(stored.TwoFactorEnabled);
        Assert.Null(stored.PendingTwoFactorSecret);
        Assert.Equal(10, stored.RecoveryCodeHashes.Count);
        Assert.All(codes, c => Assert.DoesNotContain(stored.RecoveryCodeHashes, h => h.Contains(c.Replace("-", ""), StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(secret, stored.TwoFactorSecret!);

        // Confirming again, or starting again, is refused: it is already on.
        await (await ConfirmAsync(customer, "123456", 409)).AssertProblemAsync("MFA_ALREADY_ENABLED");
        var status = await (await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/two-factor");
            s.SignedInAs(customer);
            s.StatusCodeShouldBeOk();
        })).JsonAsync();
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.False(status.GetProperty("required").GetBoolean());
        Assert.Equal(10, status.GetProperty("recoveryCodesLeft").GetInt32());
    }

    [Fact]
    public async Task Confirm_without_setup_is_refused()
    {
        var customer = await app.CreateCustomerAsync();
        await (await ConfirmAsync(customer, "123456", 409)).AssertProblemAsync("MFA_SETUP_REQUIRED");
    }

    [Fact]
    public async Task Sign_in_of_an_enrolled_user_answers_mfaRequired_without_a_session_and_the_code_step_opens_the_session()
    {
        var (customer, enrolment) = await EnrolledCustomerAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var password = await app.LoginAsync(customer.Email, customer.Password, 200);
        var body = await password.JsonAsync();
        Assert.True(body.GetProperty("mfaRequired").GetBoolean());
        Assert.False(body.TryGetProperty("id", out _));
        var setCookies = password.Context.Response.Headers.SetCookie.Select(c => c ?? "").ToList();
        Assert.DoesNotContain(setCookies, c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal));
        var pendingCookie = Assert.Single(setCookies, c => c.StartsWith(PendingSignInCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", pendingCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", pendingCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", pendingCookie, StringComparison.OrdinalIgnoreCase);

        // The pending token is stored hashed only.
        var pending = TwoFactorAccounts.PendingTokenFrom(setCookies);
        Assert.NotNull(await FindPendingAsync(SecretTokens.Hash(pending)));

        var signedIn = await app.SecondStepAsync(pending, enrolment.TakeFreshCode(app.Clock)!, customer.Password);
        Assert.Equal(customer.Id, signedIn.Id);
        var me = await (await app.MeAsync(signedIn, 200)).JsonAsync();
        Assert.True(me.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Null(await FindPendingAsync(SecretTokens.Hash(pending)));
    }

    [Fact]
    public async Task The_second_step_without_a_pending_sign_in_is_refused_whatever_user_id_is_sent()
    {
        var (customer, enrolment) = await EnrolledCustomerAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = enrolment.TakeFreshCode(app.Clock)!;

        var noCookie = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { code, userId = customer.Id, email = customer.Email }).ToUrl("/api/auth/login/two-factor");
            s.StatusCodeShouldBe(401);
        });
        await noCookie.AssertProblemAsync("MFA_SIGN_IN_EXPIRED");
        var forged = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { code }).ToUrl("/api/auth/login/two-factor");
            s.WithRequestHeader("Cookie", $"{PendingSignInCookie.Name}={SecretTokens.New()}");
            s.StatusCodeShouldBe(401);
        });
        await forged.AssertProblemAsync("MFA_SIGN_IN_EXPIRED");
    }

    [Fact]
    public async Task A_pending_sign_in_works_once_and_not_after_five_minutes()
    {
        var (customer, enrolment) = await EnrolledCustomerAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var pending = await app.PasswordStepAsync(customer.Email, customer.Password);
        await app.SecondStepAsync(pending, enrolment.TakeFreshCode(app.Clock)!, customer.Password);

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var again = await SecondStepAsync(pending, enrolment.TakeFreshCode(app.Clock)!, 401);
        await again.AssertProblemAsync("MFA_SIGN_IN_EXPIRED");

        var late = await app.PasswordStepAsync(customer.Email, customer.Password);
        app.Clock.Advance(PendingSignIn.Lifetime + TimeSpan.FromSeconds(1));
        var expired = await SecondStepAsync(late, enrolment.TakeFreshCode(app.Clock)!, 401);
        await expired.AssertProblemAsync("MFA_SIGN_IN_EXPIRED");
    }

    [Fact]
    public async Task A_code_already_used_is_refused_even_in_another_sign_in()
    {
        var (customer, enrolment) = await EnrolledCustomerAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = enrolment.TakeFreshCode(app.Clock)!;
        await app.SecondStepAsync(await app.PasswordStepAsync(customer.Email, customer.Password), code, customer.Password);

        var reused = await SecondStepAsync(await app.PasswordStepAsync(customer.Email, customer.Password), code, 401);
        await reused.AssertProblemAsync("MFA_CODE_INVALID");
        // The code of the step before the one used is refused too: steps only go forward.
        var earlier = TwoFactorSteps.Code(enrolment.Secret, app.Clock.GetUtcNow().AddSeconds(-30));
        await SecondStepAsync(await app.PasswordStepAsync(customer.Email, customer.Password), earlier, 401);
    }

    [Fact]
    public async Task Parallel_second_steps_with_the_same_code_open_exactly_one_session()
    {
        var (customer, enrolment) = await EnrolledCustomerAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var pendings = new List<string>();
        for (var i = 0; i < 4; i++)
            pendings.Add(await app.PasswordStepAsync(customer.Email, customer.Password));
        var code = enrolment.TakeFreshCode(app.Clock)!;

        var statuses = await Task.WhenAll(pendings.Select(async pending =>
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { code }).ToUrl("/api/auth/login/two-factor");
                s.WithRequestHeader("Cookie", $"{PendingSignInCookie.Name}={pending}");
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == 200));
        Assert.Equal(3, statuses.Count(s => s == 401));
    }

    [Fact]
    public async Task Parallel_uses_of_one_pending_sign_in_open_exactly_one_session()
    {
        var (customer, enrolment) = await EnrolledCustomerAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var pending = await app.PasswordStepAsync(customer.Email, customer.Password);
        // A fresh code and two recovery codes: each would be accepted on its own.
        var codes = new[] { enrolment.TakeFreshCode(app.Clock)!, enrolment.TakeRecoveryCode()!, enrolment.TakeRecoveryCode()! };

        var statuses = await Task.WhenAll(codes.Select(async code =>
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { code }).ToUrl("/api/auth/login/two-factor");
                s.WithRequestHeader("Cookie", $"{PendingSignInCookie.Name}={pending}");
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == 200));
        Assert.Equal(2, statuses.Count(s => s == 401));
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout_and_a_known_password_does_not_reset_it()
    {
        var (customer, enrolment) = await EnrolledCustomerAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var wrong = WrongCodeFor(enrolment.Secret);

        for (var i = 0; i < 4; i++)
        {
            // A fresh password step each time: the count must go on across them.
            var refused = await SecondStepAsync(await app.PasswordStepAsync(customer.Email, customer.Password), wrong, 401);
            await refused.AssertProblemAsync("MFA_CODE_INVALID");
        }
        var pending = await app.PasswordStepAsync(customer.Email, customer.Password);
        await SecondStepAsync(pending, wrong, 401);

        // Now locked: even the right code, and the password step, answer ACCOUNT_LOCKED.
        var locked = await SecondStepAsync(pending, enrolment.TakeFreshCode(app.Clock)!, 423);
        await locked.AssertProblemAsync("ACCOUNT_LOCKED");
        Assert.True(int.Parse(locked.Context.Response.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture) > 0);
        await app.LoginAsync(customer.Email, customer.Password, 423);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (customer, enrolment) = await EnrolledCustomerAsync();
        var recovery = enrolment.TakeRecoveryCode()!;

        var signedIn = await app.SecondStepAsync(await app.PasswordStepAsync(customer.Email, customer.Password), recovery.ToLowerInvariant(), customer.Password);
        await app.MeAsync(signedIn, 200);
        Assert.Equal(9, (await app.LoadAsync<User>(customer.Id))!.RecoveryCodeHashes.Count);

        var again = await SecondStepAsync(await app.PasswordStepAsync(customer.Email, customer.Password), recovery, 401);
        await again.AssertProblemAsync("MFA_CODE_INVALID");
    }

    [Fact]
    public async Task A_customer_turns_it_off_with_a_code_and_signs_in_with_the_password_alone_again()
    {
        var (customer, enrolment) = await EnrolledCustomerAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var session = await app.SignInWithTwoFactorAsync(customer.Email, customer.Password, enrolment);

        var wrong = await DisableAsync(session, WrongCodeFor(enrolment.Secret), 401);
        await wrong.AssertProblemAsync("MFA_CODE_INVALID");
        Assert.True((await app.LoadAsync<User>(customer.Id))!.TwoFactorEnabled);

        await DisableAsync(session, enrolment.TakeRecoveryCode()!, 200);
        var stored = (await app.LoadAsync<User>(customer.Id))!;
        Assert.False(stored.TwoFactorEnabled);
        Assert.Null(stored.TwoFactorSecret);
        Assert.Empty(stored.RecoveryCodeHashes);
        await (await DisableAsync(session, "123456", 409)).AssertProblemAsync("MFA_NOT_ENABLED");

        var plain = await (await app.LoginAsync(customer.Email, customer.Password, 200)).JsonAsync();
        Assert.Equal(customer.Email, plain.GetProperty("email").GetString());
        Assert.False(plain.GetProperty("twoFactorEnabled").GetBoolean());
    }

    [Fact]
    public async Task An_admin_cannot_turn_it_off()
    {
        var admin = await app.SignInAdminAsync();
        var enrolment = await app.AdminEnrolmentAsync();
        var refused = await DisableAsync(admin, enrolment.TakeRecoveryCode() ?? "123456", 403);
        await refused.AssertProblemAsync("MFA_REQUIRED_FOR_ADMINS");
        Assert.True((await app.LoadAsync<User>(admin.Id))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task The_operator_command_resets_a_lost_enrolment_and_signs_the_account_out()
    {
        var (customer, _) = await EnrolledCustomerAsync();

        var reset = await app.RunHostCommandAsync("two-factor", "reset", "--email", customer.Email.ToUpperInvariant());

        Assert.Equal(0, reset.ExitCode);
        Assert.Contains($"two-factor: reset for {customer.Email}; 1 session(s) signed out", reset.Output);
        var stored = (await app.LoadAsync<User>(customer.Id))!;
        Assert.False(stored.TwoFactorEnabled);
        Assert.Empty(stored.RecoveryCodeHashes);
        await app.MeAsync(customer, 401);
        await app.LoginAsync(customer.Email, customer.Password, 200);

        var unknown = await app.RunHostCommandAsync("two-factor", "reset", "--email", Accounts.NewEmail());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no account has the email", unknown.Error);
    }

    private async Task<(TestUser Admin, TestUser Customer)> NewAdminAsync()
    {
        var customer = await app.CreateCustomerAsync();
        var admin = await app.SignInAdminAsync();
        await app.Host.Scenario(s =>
        {
            s.Put.Json(new { roles = new[] { "Customer", "Admin" } }).ToUrl($"/api/admin/users/{customer.Id}/roles");
            s.SignedInAs(admin);
            s.StatusCodeShouldBeOk();
        });
        return (customer, admin);
    }

    private async Task<(TestUser Customer, TestEnrolment Enrolment)> EnrolledCustomerAsync()
    {
        var customer = await app.CreateCustomerAsync();
        return (customer, await app.EnrolTwoFactorAsync(customer));
    }

    private async Task<string> SetupAsync(TestUser user) =>
        (await (await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/auth/two-factor/setup");
            s.SignedInAs(user);
            s.StatusCodeShouldBeOk();
        })).JsonAsync()).GetProperty("secret").GetString()!;

    private Task<IScenarioResult> ConfirmAsync(TestUser user, string code, int expectedStatus) =>
        app.Host.Scenario(s =>
        {
            s.Post.Json(new { code }).ToUrl("/api/auth/two-factor/confirm");
            s.SignedInAs(user);
            s.StatusCodeShouldBe(expectedStatus);
        });

    private Task<IScenarioResult> DisableAsync(TestUser user, string code, int expectedStatus) =>
        app.Host.Scenario(s =>
        {
            s.Post.Json(new { code }).ToUrl("/api/auth/two-factor/disable");
            s.SignedInAs(user);
            s.StatusCodeShouldBe(expectedStatus);
        });

    private Task<IScenarioResult> SecondStepAsync(string pending, string code, int expectedStatus) =>
        app.Host.Scenario(s =>
        {
            s.Post.Json(new { code }).ToUrl("/api/auth/login/two-factor");
            s.WithRequestHeader("Cookie", $"{PendingSignInCookie.Name}={pending}");
            s.StatusCodeShouldBe(expectedStatus);
        });

    private string WrongCodeFor(string secret) => TwoFactorSteps.WrongCode(secret, app.Clock.GetUtcNow());

    private async Task<PendingSignIn?> FindPendingAsync(string tokenHash)
    {
        await using var session = app.Host.Services.GetRequiredService<IIdentityStore>().QuerySession();
        return await session.Query<PendingSignIn>().FirstOrDefaultAsync(p => p.TokenHash == tokenHash);
    }
}
