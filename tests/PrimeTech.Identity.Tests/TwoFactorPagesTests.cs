using System.Text.RegularExpressions;
using PrimeTech.Identity.TwoFactor;

namespace PrimeTech.Identity.Tests;

/// <summary>The two-factor pages: enrolment with the QR code and key, recovery codes shown once, the second sign-in step, turning it off.</summary>
[Collection(IdentityCollection.Name)]
public sealed partial class TwoFactorPagesTests(IdentityFixture app) : IDisposable
{
    public void Dispose() => app.Clock.Reset();

    [Fact]
    public async Task A_customer_enrols_on_the_page_sees_the_recovery_codes_once_signs_in_with_a_code_and_turns_it_off()
    {
        var customer = await app.CreateCustomerAsync();
        var visitor = PageVisitor.For(app, customer);

        var security = await visitor.GetAsync("/account/security");
        Assert.Contains("Set up two-factor sign-in", security.Html);

        var setup = await visitor.GetAsync("/account/two-factor");
        Assert.Contains("src=\"data:image/png;base64,", setup.Html);
        var secret = SecretOn(setup.Html);
        // Reloading keeps the key already shown (it may have been scanned).
        Assert.Equal(secret, SecretOn((await visitor.GetAsync("/account/two-factor")).Html));

        var wrong = await visitor.PostFormAsync("/account/two-factor?handler=Confirm", Form(TwoFactorSteps.WrongCode(secret, app.Clock.GetUtcNow())), 401);
        Assert.Contains("Enter the current code from your authenticator app", wrong.Html);

        var confirmed = await visitor.PostFormAsync("/account/two-factor?handler=Confirm", Form(TwoFactorSteps.Code(secret, app.Clock.GetUtcNow())), 200);
        var codes = RecoveryCodes().Matches(confirmed.Html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Contains("no-store", confirmed.Result.Context.Response.Headers.CacheControl.ToString());

        var afterwards = await visitor.GetAsync("/account/two-factor");
        Assert.Contains("Two-factor sign-in is on", afterwards.Html);
        Assert.DoesNotContain(codes[0], afterwards.Html);
        Assert.Contains("Turn off two-factor sign-in", afterwards.Html);

        // Signing in now takes two steps.
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var browser = new PageVisitor(app);
        var password = await browser.PostFormAsync("/login?returnUrl=%2Faccount%2Forders",
            Fields(("Input.Email", customer.Email), ("Input.Password", customer.Password)), 303, formPage: "/login");
        Assert.Equal("/login/two-factor?returnUrl=%2Faccount%2Forders", password.Location);
        Assert.Null(browser.SessionToken);
        Assert.NotNull(browser.Cookie(PendingSignInCookie.Name));

        var refused = await browser.PostFormAsync("/login/two-factor?returnUrl=%2Faccount%2Forders", Fields(("Input.Code", "not-a-code")), 401);
        Assert.Contains("Enter the current code from your authenticator app, or a recovery code", refused.Html);
        var signedIn = await browser.PostFormAsync("/login/two-factor?returnUrl=%2Faccount%2Forders",
            Fields(("Input.Code", TwoFactorSteps.Code(secret, app.Clock.GetUtcNow()))), 303);
        Assert.Equal("/account/orders", signedIn.Location);
        Assert.NotNull(browser.SessionToken);
        Assert.Null(browser.Cookie(PendingSignInCookie.Name));

        // Turning it off takes a code: a recovery code will do.
        var off = await browser.PostFormAsync("/account/two-factor?handler=Disable", Form(codes[3]), 303);
        Assert.Equal("/account/security", off.Location);
        Assert.False((await app.LoadAsync<User>(customer.Id))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task The_second_step_page_without_a_pending_sign_in_sends_back_to_the_password()
    {
        var page = await new PageVisitor(app).GetAsync("/login/two-factor");
        Assert.Contains("Sign in with your password again", page.Html);
        Assert.Contains("href=\"/login?returnUrl=%2Faccount\"", page.Html);
    }

    [Fact]
    public async Task An_admin_sees_that_they_must_keep_it_on()
    {
        var admin = await app.SignInAdminAsync();
        var page = await PageVisitor.For(app, admin).GetAsync("/account/two-factor");
        Assert.Contains("Admins must keep two-factor sign-in on.", page.Html);
        Assert.DoesNotContain("Turn off two-factor sign-in", page.Html);
    }

    private static string SecretOn(string html) =>
        Regex.Match(html, "<code id=\"two-factor-secret\"[^>]*>([A-Z2-7 ]+)</code>").Groups[1].Value.Replace(" ", "");

    private static Dictionary<string, string> Form(string code) => Fields(("Input.Code", code));

    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [GeneratedRegex("<li><code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</code></li>")]
    private static partial Regex RecoveryCodes();
}
