using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using OtpNet;
using PrimeTech.Identity.TwoFactor;

namespace PrimeTech.Testing;

/// <summary>A TOTP enrolment made through the API: the secret the test keeps, and the recovery codes not used yet.</summary>
public sealed class TestEnrolment(string secret, long lastStep, IEnumerable<string> recoveryCodes)
{
    private readonly Queue<string> _recoveryCodes = new(recoveryCodes);

    public string Secret { get; } = secret;

    /// <summary>The last time step the server accepted for this user (codes of it and earlier ones are refused).</summary>
    public long LastStep { get; private set; } = lastStep;

    public int RecoveryCodesLeft => _recoveryCodes.Count;

    /// <summary>The code of the current step on the app's clock, if that step is still unused; it is then counted as used.</summary>
    public string? TakeFreshCode(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var step = TwoFactorSteps.StepAt(now);
        if (step <= LastStep) return null;
        LastStep = step;
        return TwoFactorSteps.Code(Secret, now);
    }

    public string? TakeRecoveryCode() => _recoveryCodes.TryDequeue(out var code) ? code : null;

    /// <summary>
    /// A code the server will accept now: this time step's code if unused, else a recovery code; with
    /// neither left, it waits for the next time step (at most 30 s), since the server refuses a code twice by design.
    /// </summary>
    public async Task<string> NextCodeAsync(TimeProvider clock)
    {
        var code = TakeFreshCode(clock) ?? TakeRecoveryCode();
        if (code is not null) return code;
        var next = DateTimeOffset.FromUnixTimeSeconds((LastStep + 1) * TwoFactorSteps.StepSeconds);
        var wait = next - clock.GetUtcNow();
        await Task.Delay((wait > TimeSpan.Zero ? wait : TimeSpan.Zero) + TimeSpan.FromMilliseconds(50));
        return TakeFreshCode(clock) ?? throw new InvalidOperationException("No fresh time step after waiting for one.");
    }
}

public static class TwoFactorSteps
{
    public const int StepSeconds = 30;

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    /// <summary>A six-digit code that matches none of the steps around <paramref name="at"/> (so the server refuses it).</summary>
    public static string WrongCode(string secret, DateTimeOffset at)
    {
        var valid = new[] { -60, -30, 0, 30, 60 }.Select(s => Code(secret, at.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !valid.Contains(c));
    }
}

/// <summary>
/// Two-factor sign-in through the real API: enrol a signed-in user (setup, then confirm with a code
/// computed by Otp.NET on the app's clock) and sign in with password + code.
/// </summary>
public static partial class TwoFactorAccounts
{
    private static readonly ConditionalWeakTable<AppFixture, AdminSignIn> Admins = new();

    /// <summary>Enrols <paramref name="user"/> (signed in) in two-factor sign-in.</summary>
    public static async Task<TestEnrolment> EnrolTwoFactorAsync(this AppFixture app, TestUser user)
    {
        var setup = await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/auth/two-factor/setup");
            s.SignedInAs(user);
            s.StatusCodeShouldBeOk();
        });
        var secret = (await setup.ReadAsJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var now = app.Clock.GetUtcNow();
        var confirm = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { code = TwoFactorSteps.Code(secret, now) }).ToUrl("/api/auth/two-factor/confirm");
            s.SignedInAs(user);
            s.StatusCodeShouldBeOk();
        });
        var codes = (await confirm.ReadAsJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!);
        return new TestEnrolment(secret, TwoFactorSteps.StepAt(now), codes);
    }

    /// <summary>The password step of a user with two-factor sign-in: asserts <c>{ mfaRequired: true }</c> and no session, and returns the pending sign-in token.</summary>
    public static async Task<string> PasswordStepAsync(this AppFixture app, string email, string password, bool rememberMe = false)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, password, rememberMe }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBeOk();
        });
        var body = await result.ReadAsJsonAsync<JsonElement>();
        if (!body.TryGetProperty("mfaRequired", out var required) || !required.GetBoolean())
            throw new InvalidOperationException("The password step did not ask for a second factor: " + body);
        if (result.Context.Response.Headers.SetCookie.Any(h => (h ?? "").StartsWith(Identity.Sessions.SessionCookie.Name + "=", StringComparison.Ordinal)))
            throw new InvalidOperationException("The password step of a two-factor account set a session cookie.");
        return PendingTokenFrom(result.Context.Response.Headers.SetCookie);
    }

    /// <summary>The second step with a pending sign-in token; answers the signed-in user.</summary>
    public static async Task<TestUser> SecondStepAsync(this AppFixture app, string pendingToken, string code, string password)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { code }).ToUrl("/api/auth/login/two-factor");
            s.WithRequestHeader("Cookie", $"{PendingSignInCookie.Name}={pendingToken}");
            s.StatusCodeShouldBeOk();
        });
        var me = await result.ReadAsJsonAsync<JsonElement>();
        return new TestUser(me.GetProperty("id").GetGuid(), me.GetProperty("email").GetString()!, password, me.GetProperty("name").GetString()!,
            Accounts.SessionTokenFrom(result.Context.Response.Headers.SetCookie));
    }

    /// <summary>Signs in with password + the next code of <paramref name="enrolment"/> (see <see cref="TestEnrolment.NextCodeAsync"/>).</summary>
    public static async Task<TestUser> SignInWithTwoFactorAsync(this AppFixture app, string email, string password, TestEnrolment enrolment)
    {
        var pending = await app.PasswordStepAsync(email, password);
        return await app.SecondStepAsync(pending, await enrolment.NextCodeAsync(app.Clock), password);
    }

    /// <summary>
    /// A session of the fixture's seeded admin. On first use it signs in with the password, enrols in
    /// two-factor sign-in through the API and keeps the secret; later calls reuse that session while
    /// it is still valid, and otherwise sign in again with password + code.
    /// </summary>
    public static async Task<TestUser> SignInAdminAsync(this AppFixture app)
    {
        var admin = Admins.GetValue(app, _ => new AdminSignIn());
        await admin.Gate.WaitAsync();
        try
        {
            if (admin.Session is { } kept && await IsSignedInAsync(app, kept)) return kept;
            if (admin.Enrolment is null)
            {
                var first = await app.SignInAsync(app.AdminEmail, app.AdminPassword);
                admin.Enrolment = await app.EnrolTwoFactorAsync(first);
                return admin.Session = first;
            }
            return admin.Session = await app.SignInWithTwoFactorAsync(app.AdminEmail, app.AdminPassword, admin.Enrolment);
        }
        finally
        {
            admin.Gate.Release();
        }
    }

    /// <summary>The fixture admin's enrolment (enrolling them first if need be), for tests that sign in as admin themselves.</summary>
    public static async Task<TestEnrolment> AdminEnrolmentAsync(this AppFixture app)
    {
        await app.SignInAdminAsync();
        return Admins.GetValue(app, _ => new AdminSignIn()).Enrolment!;
    }

    private static async Task<bool> IsSignedInAsync(AppFixture app, TestUser user)
    {
        var me = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/me");
            s.SignedInAs(user);
            s.IgnoreStatusCode();
        });
        return me.Context.Response.StatusCode == 200;
    }

    public static string PendingTokenFrom(IEnumerable<string?> setCookieHeaders) =>
        setCookieHeaders.Select(h => PendingCookieValue().Match(h ?? ""))
            .Where(m => m.Success && m.Groups[1].Value.Length > 0)
            .Select(m => m.Groups[1].Value)
            .LastOrDefault() ?? throw new InvalidOperationException("The response set no pending sign-in cookie.");

    [GeneratedRegex(@"^__Host-pts-2fa=([^;]*)")]
    private static partial Regex PendingCookieValue();

    private sealed class AdminSignIn
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public TestEnrolment? Enrolment { get; set; }
        public TestUser? Session { get; set; }
    }
}
