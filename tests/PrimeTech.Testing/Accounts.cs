using System.Text.RegularExpressions;
using Alba;
using PrimeTech.Identity.Sessions;

namespace PrimeTech.Testing;

/// <summary>A signed-in account made for a test. <see cref="Cookie"/> is the value of a <c>Cookie</c> request header.</summary>
public sealed record TestUser(Guid Id, string Email, string Password, string Name, string SessionToken)
{
    public string Cookie => $"{SessionCookie.Name}={SessionToken}";
}

/// <summary>
/// Accounts through the real API: register, verify with the token from the delivered email, sign in.
/// Use <c>s.SignedInAs(user)</c> in an Alba scenario, or <c>app.ClientFor(user)</c> for an HttpClient.
/// </summary>
public static partial class Accounts
{
    public const string DefaultPassword = "Correct-horse-battery-staple-42";

    public static string NewEmail(string prefix = "customer") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    /// <summary>Registers a customer (verified by default, via the emailed link) and signs them in.</summary>
    public static async Task<TestUser> CreateCustomerAsync(this AppFixture app, bool verified = true, string? name = null, string? email = null)
    {
        email ??= NewEmail();
        name ??= "Test Customer";
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, name, password = DefaultPassword }).ToUrl("/api/auth/register");
            s.StatusCodeShouldBe(202);
        });
        if (verified)
        {
            var token = await app.EmailedTokenAsync(email, "/verify-email");
            await app.Host.Scenario(s =>
            {
                s.Post.Json(new { token }).ToUrl("/api/auth/verify-email");
                s.StatusCodeShouldBeOk();
            });
        }
        return await app.SignInAsync(email, DefaultPassword);
    }

    public static async Task<TestUser> SignInAsync(this AppFixture app, string email, string password, bool rememberMe = false)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, password, rememberMe }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBeOk();
        });
        var me = await result.ReadAsJsonAsync<MeView>() ?? throw new InvalidOperationException("Sign-in returned no user.");
        return new TestUser(me.Id, me.Email, password, me.Name, SessionTokenFrom(result.Context.Response.Headers.SetCookie));
    }

    /// <summary>The session token in the <c>Set-Cookie</c> headers of a response.</summary>
    public static string SessionTokenFrom(IEnumerable<string?> setCookieHeaders) =>
        setCookieHeaders.Select(h => SessionCookieValue().Match(h ?? ""))
            .Where(m => m.Success && m.Groups[1].Value.Length > 0)
            .Select(m => m.Groups[1].Value)
            .LastOrDefault() ?? throw new InvalidOperationException("The response set no session cookie.");

    /// <summary>Waits for an email to <paramref name="to"/> with a link to <paramref name="path"/> and returns the link's token.</summary>
    public static async Task<string> EmailedTokenAsync(this AppFixture app, string to, string path, Func<DeliveredEmail, bool>? match = null)
    {
        var email = await app.Mail.WaitForAsync(to, m => (m.Text ?? "").Contains(path + "?token=") && (match?.Invoke(m) ?? true));
        return TokenIn(email, path);
    }

    public static string TokenIn(DeliveredEmail email, string path)
    {
        var found = Regex.Match(email.Text ?? "", Regex.Escape(path) + @"\?token=([A-Za-z0-9_-]+)");
        return found.Success ? found.Groups[1].Value : throw new InvalidOperationException($"No {path} link in the email '{email.Subject}'.");
    }

    /// <summary>Sends the user's session cookie with this scenario's request.</summary>
    public static Scenario SignedInAs(this Scenario scenario, TestUser user)
    {
        scenario.WithRequestHeader("Cookie", user.Cookie);
        return scenario;
    }

    /// <summary>An HttpClient on the in-memory server that sends the user's session cookie.</summary>
    public static HttpClient ClientFor(this AppFixture app, TestUser user)
    {
        var client = app.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", user.Cookie);
        return client;
    }

    [GeneratedRegex(@"^__Host-pts=([^;]*)")]
    private static partial Regex SessionCookieValue();

    private sealed record MeView(Guid Id, string Email, string Name, List<string> Roles, bool EmailVerified);
}
