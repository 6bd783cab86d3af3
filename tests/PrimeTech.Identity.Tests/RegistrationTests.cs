using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace PrimeTech.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class RegistrationTests(IdentityFixture app) : IDisposable
{
    public void Dispose() => app.Clock.Reset();

    [Fact]
    public async Task Register_then_verify_with_the_emailed_link()
    {
        var email = Accounts.NewEmail();
        var registered = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, name = "Ada Lovelace", password = Accounts.DefaultPassword }).ToUrl("/api/auth/register");
            s.StatusCodeShouldBe(202);
        });
        Assert.Equal("We have sent an email to the address you gave. Follow the link in it to continue.",
            (await registered.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal(0, registered.Context.Response.Headers.SetCookie.Count);

        var mail = await app.Mail.WaitForAsync(email, m => m.Subject == "Verify your email address");
        Assert.Contains("http://127.0.0.1:5080/verify-email?token=", mail.Text);
        Assert.Contains("http://127.0.0.1:5080/verify-email?token=", mail.Html);
        Assert.Contains("expires in 24 hours", mail.Text);
        var token = Accounts.TokenIn(mail, "/verify-email");

        var before = await app.SignInAsync(email, Accounts.DefaultPassword);
        Assert.False((await (await app.MeAsync(before, 200)).JsonAsync()).GetProperty("emailVerified").GetBoolean());

        var verified = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { token }).ToUrl("/api/auth/verify-email");
            s.StatusCodeShouldBeOk();
        });
        Assert.True((await verified.JsonAsync()).GetProperty("emailVerified").GetBoolean());
        Assert.True((await (await app.MeAsync(before, 200)).JsonAsync()).GetProperty("emailVerified").GetBoolean());
    }

    [Fact]
    public async Task Registrations_of_one_new_email_at_once_make_one_account_and_send_one_email()
    {
        var email = Accounts.NewEmail();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, name = "Ada Lovelace", password = Accounts.DefaultPassword }).ToUrl("/api/auth/register");
            s.StatusCodeShouldBe(202);
        })));

        var normalized = EmailAddress.Normalise(email);
        await using var query = app.Host.Services.GetRequiredService<IIdentityStore>().QuerySession();
        Assert.Equal(1, await query.Query<User>().CountAsync(u => u.NormalizedEmail == normalized));
        await app.Mail.WaitForAsync(email, m => m.Subject == "Verify your email address");
        // The others found the account within its email cool-down, so no "already registered" email followed.
        Assert.Single(await app.Mail.ForAsync(email));
    }

    [Fact]
    public async Task Register_reports_every_field_rule()
    {
        async Task<System.Text.Json.JsonElement> Invalid(object body)
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Json(body).ToUrl("/api/auth/register");
                s.StatusCodeShouldBe(400);
            });
            await result.AssertProblemAsync("VALIDATION_FAILED");
            return await result.JsonAsync();
        }

        var empty = await Invalid(new { email = "", name = " ", password = "" });
        Assert.Equal(["Enter your name"], empty.FieldErrors("name"));
        Assert.Equal(["Enter your email address"], empty.FieldErrors("email"));
        Assert.Equal(["Enter a password"], empty.FieldErrors("password"));

        var shapes = await Invalid(new { email = "not-an-email", name = new string('n', 101), password = "short" });
        Assert.Equal(["Enter an email address in the correct format, like name@example.com"], shapes.FieldErrors("email"));
        Assert.Equal(["Name must be 100 characters or fewer"], shapes.FieldErrors("name"));
        Assert.Equal(["Password must be at least 12 characters"], shapes.FieldErrors("password"));

        var tooLong = await Invalid(new { email = new string('a', 250) + "@example.test", name = "N", password = new string('p', 129) });
        Assert.Equal(["Email address must be 254 characters or fewer"], tooLong.FieldErrors("email"));
        Assert.Equal(["Password must be 128 characters or fewer"], tooLong.FieldErrors("password"));

        var common = await Invalid(new { email = Accounts.NewEmail(), name = "N", password = "1QAZ2wsx3edc" });
        Assert.Equal(["This password is too common. Choose a less common password"], common.FieldErrors("password"));

        var ownEmail = "someone-long@example.test";
        var sameAsEmail = await Invalid(new { email = ownEmail, name = "N", password = ownEmail.ToUpperInvariant() });
        Assert.Equal(["Your password must not be your email address"], sameAsEmail.FieldErrors("password"));
    }

    [Fact]
    public async Task Email_is_unique_regardless_of_case_and_the_owner_is_told()
    {
        var email = Accounts.NewEmail();
        var first = await app.CreateCustomerAsync(email: email);
        app.Clock.Advance(TimeSpan.FromSeconds(61));   // one account email per minute at most

        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = "  " + email.ToUpperInvariant() + " ", name = "Intruder", password = "Another-password-123" }).ToUrl("/api/auth/register");
            s.StatusCodeShouldBe(202);
        });

        var notice = await app.Mail.WaitForAsync(email, m => m.Subject == "You already have a Prime Tech Services account");
        Assert.Contains("http://127.0.0.1:5080/forgot-password", notice.Text);
        await app.LoginAsync(email, "Another-password-123", 401);
        await app.LoginAsync(email.ToUpperInvariant(), first.Password, 200);
    }

    [Fact]
    public async Task Passwords_are_hashed_with_PBKDF2_HMAC_SHA512_and_210000_iterations()
    {
        using var productionCost = app.Override((TestPasswordHasher.Setting, TestPasswordHasher.Production));
        var user = await app.CreateCustomerAsync(verified: false);
        var stored = await app.LoadAsync<User>(user.Id);

        AssertProductionHash(stored!.PasswordHash);
        Assert.DoesNotContain(user.Password, stored.PasswordHash);
    }

    [Fact]
    public async Task Signing_in_upgrades_a_weaker_hash_to_the_production_cost()
    {
        var user = await app.CreateCustomerAsync();
        var weaker = (await app.LoadAsync<User>(user.Id))!.PasswordHash;
        Assert.Equal((uint)TestPasswordHasher.Iterations, BigEndian(Convert.FromBase64String(weaker), 5));

        using (app.Override((TestPasswordHasher.Setting, TestPasswordHasher.Production)))
            await app.LoginAsync(user.Email, user.Password, 200);

        var upgraded = (await app.LoadAsync<User>(user.Id))!.PasswordHash;
        AssertProductionHash(upgraded);
        Assert.NotEqual(weaker, upgraded);
        await app.LoginAsync(user.Email, user.Password, 200);
        await app.LoginAsync(user.Email, user.Password + "x", 401);
    }

    private static void AssertProductionHash(string stored)
    {
        var hash = Convert.FromBase64String(stored);
        Assert.Equal(0x01, hash[0]);                          // ASP.NET Core Identity V3 format
        Assert.Equal(2u, BigEndian(hash, 1));                 // KeyDerivationPrf.HMACSHA512
        Assert.Equal(210_000u, BigEndian(hash, 5));           // iteration count
        Assert.Equal(16u, BigEndian(hash, 9));                // salt length
        Assert.Equal(13 + 16 + 32, hash.Length);              // header + salt + 256-bit subkey
    }

    [Fact]
    public async Task Seed_is_idempotent_and_says_the_admin_exists()
    {
        var again = await app.RunHostCommandAsync("seed");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"admin: {app.AdminEmail} already exists", again.Output);
        var admin = await app.SignInAdminAsync();
        var me = await (await app.MeAsync(admin, 200)).JsonAsync();
        Assert.Equal(["Customer", "Admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(me.GetProperty("emailVerified").GetBoolean());
    }

    private static uint BigEndian(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
}
