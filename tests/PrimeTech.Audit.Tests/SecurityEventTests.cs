using PrimeTech.Audit.Contracts;

namespace PrimeTech.Audit.Tests;

/// <summary>The security events Identity sends: each attempt is exactly one entry, with who, from where and how it ended.</summary>
[Collection(AuditCollection.Name)]
public sealed class SecurityEventTests(AuditFixture app)
{
    [Fact]
    public async Task A_failed_and_a_successful_sign_in_are_one_entry_each_with_the_email_tried()
    {
        var customer = await app.CreateCustomerAsync();
        var admin = await app.SignInAdminAsync();
        var target = customer.Email.ToLowerInvariant();

        await app.ScenarioAndWaitAsync(s =>
        {
            s.Post.Json(new { email = customer.Email, password = "Not-the-right-password-1" }).ToUrl("/api/auth/login");
            s.From("203.0.113.40");
            s.StatusCodeShouldBe(401);
        });
        var failed = Assert.Single(await app.EntriesForAsync(admin, target), e => e.Outcome == "failure");
        Assert.Equal((SecurityActions.SignIn, (Guid?)null, (string?)null, "203.0.113.40", target, 401, "INVALID_CREDENTIALS"),
            (failed.Action, failed.ActorId, failed.ActorEmail, failed.IpAddress, failed.Target, failed.Status, failed.Reason));

        await app.ScenarioAndWaitAsync(s =>
        {
            s.Post.Json(new { email = customer.Email, password = customer.Password }).ToUrl("/api/auth/login");
            s.From("203.0.113.41");
            s.StatusCodeShouldBeOk();
        });
        // CreateCustomerAsync signed in once (no address), the test once more.
        var entries = await app.EntriesForAsync(admin, target, atLeast: 3);
        var succeeded = Assert.Single(entries, e => e.Outcome == "success" && e.IpAddress == "203.0.113.41");
        Assert.Equal((SecurityActions.SignIn, (Guid?)customer.Id, target, 200, (string?)null),
            (succeeded.Action, succeeded.ActorId, succeeded.ActorEmail, succeeded.Status, succeeded.Reason));
        Assert.Equal(3, entries.Count);
        Assert.Single(entries, e => e.Outcome == "failure");
    }

    [Fact]
    public async Task Two_factor_enrolment_the_password_step_and_the_code_step_are_each_recorded()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();
        var enrolment = await app.EnrolTwoFactorAsync(customer);
        await app.SignInWithTwoFactorAsync(customer.Email, customer.Password, enrolment);
        var pending = await app.PasswordStepAsync(customer.Email, customer.Password);
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { code = TwoFactorSteps.WrongCode(enrolment.Secret, app.Clock.GetUtcNow()) }).ToUrl("/api/auth/login/two-factor");
            s.WithRequestHeader("Cookie", $"{Identity.TwoFactor.PendingSignInCookie.Name}={pending}");
            s.StatusCodeShouldBe(401);
        });

        var byUser = await Eventually.GetAsync(async () =>
        {
            var entries = await app.EntriesForAsync(admin, customer.Id.ToString());
            return entries.Count(e => e.Action == SecurityActions.TwoFactorSignIn) == 2 ? entries : null;
        }, "the two-factor entries");
        Assert.Single(byUser, e => e.Action == SecurityActions.TwoFactorEnrol && e.Outcome == "success" && e.ActorId == customer.Id);
        Assert.Single(byUser, e => e.Action == SecurityActions.TwoFactorSignIn && e.Outcome == "success" && e.ActorId == customer.Id);
        Assert.Single(byUser, e => e.Action == SecurityActions.TwoFactorSignIn && e.Outcome == "failure" && e.Reason == "MFA_CODE_INVALID");
        var passwordSteps = await app.EntriesForAsync(admin, customer.Email.ToLowerInvariant());
        Assert.Equal(2, passwordSteps.Count(e => e.Action == SecurityActions.SignIn && e.Reason == "MFA_REQUIRED"));
    }

    [Fact]
    public async Task An_anonymous_sign_in_to_an_unknown_email_is_recorded_without_an_actor()
    {
        var admin = await app.SignInAdminAsync();
        var email = Accounts.NewEmail("nobody");

        await app.ScenarioAndWaitAsync(s =>
        {
            s.Post.Json(new { email, password = "Whatever-password-1" }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(401);
        });

        var entry = Assert.Single(await app.EntriesForAsync(admin, email));
        Assert.Equal(((Guid?)null, (string?)null, (string?)null, "failure", "INVALID_CREDENTIALS"),
            (entry.ActorId, entry.ActorEmail, entry.IpAddress, entry.Outcome, entry.Reason));
    }

    [Fact]
    public async Task A_password_reset_is_one_entry_of_the_user_who_held_the_link()
    {
        var customer = await app.CreateCustomerAsync();
        var admin = await app.SignInAdminAsync();
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = customer.Email }).ToUrl("/api/auth/forgot-password");
            s.StatusCodeShouldBe(202);
        });
        var token = await app.EmailedTokenAsync(customer.Email, "/reset-password");

        await app.ScenarioAndWaitAsync(s =>
        {
            s.Post.Json(new { token, newPassword = "A-brand-new-password-9" }).ToUrl("/api/auth/reset-password");
            s.From(AuditFixture.KnownProxy, forwardedFor: "198.51.100.77");
            s.StatusCodeShouldBe(204);
        });

        var entry = Assert.Single(await app.EntriesForAsync(admin, customer.Id.ToString()), e => e.Action == SecurityActions.PasswordReset);
        Assert.Equal(((Guid?)customer.Id, customer.Email.ToLowerInvariant(), "198.51.100.77", "success", 204),
            (entry.ActorId, entry.ActorEmail, entry.IpAddress, entry.Outcome, entry.Status));
    }

    [Fact]
    public async Task A_wrong_current_password_on_change_is_a_failed_password_change()
    {
        var customer = await app.CreateCustomerAsync();
        var admin = await app.SignInAdminAsync();

        await app.ScenarioAndWaitAsync(s =>
        {
            s.SignedInAs(customer).Post.Json(new { currentPassword = "Not-my-password-at-all-1", newPassword = "Another-new-password-8" })
                .ToUrl("/api/auth/change-password");
            s.StatusCodeShouldBe(400);
        });

        var entry = Assert.Single(await app.EntriesForAsync(admin, customer.Id.ToString()), e => e.Action == SecurityActions.PasswordChange);
        Assert.Equal(((Guid?)customer.Id, "failure", 400, "VALIDATION_FAILED"), (entry.ActorId, entry.Outcome, entry.Status, entry.Reason));
    }
}
