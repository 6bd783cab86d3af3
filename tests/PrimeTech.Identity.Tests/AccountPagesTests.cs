using PrimeTech.Identity.DataProtection;

namespace PrimeTech.Identity.Tests;

/// <summary>The sign-in and account pages, posted as a browser would (antiforgery token and cookies).</summary>
[Collection(IdentityCollection.Name)]
public sealed class AccountPagesTests(IdentityFixture app)
{
    private static Dictionary<string, string> Form(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    private static void AssertFieldError(PageResponse page, string fieldId, string message)
    {
        Assert.Contains($"<p class=\"field-error\" id=\"{fieldId}-error\"><span class=\"visually-hidden\">Error:</span> {System.Net.WebUtility.HtmlEncode(message)}</p>", page.Html);
        Assert.Matches($"<input[^>]*aria-invalid=\"true\"[^>]*id=\"{fieldId}\"|<input[^>]*id=\"{fieldId}\"[^>]*aria-invalid=\"true\"", page.Html);
        Assert.Contains($"<a href=\"#{fieldId}\">{System.Net.WebUtility.HtmlEncode(message)}</a>", page.Html);
    }

    [Fact]
    public async Task Register_page_shows_field_errors_and_keeps_no_passwords()
    {
        var visitor = new PageVisitor(app);
        var page = await visitor.PostFormAsync("/register", Form(
            ("Input.Name", ""), ("Input.Email", "nope"), ("Input.Password", "short-pass"), ("Input.ConfirmPassword", "different")), 400);

        Assert.Contains("<title>Error: Create an account — Prime Tech Services</title>", page.Html);
        Assert.Contains("There is a problem", page.Html);
        AssertFieldError(page, "Input_Name", "Enter your name");
        AssertFieldError(page, "Input_Email", "Enter an email address in the correct format, like name@example.com");
        AssertFieldError(page, "Input_Password", "Password must be at least 12 characters");
        AssertFieldError(page, "Input_ConfirmPassword", "The passwords do not match");
        Assert.Contains("value=\"nope\"", page.Html);
        Assert.DoesNotContain("short-pass", page.Html);
    }

    [Fact]
    public async Task Register_page_then_verify_page_then_sign_in_page()
    {
        var email = Accounts.NewEmail();
        var visitor = new PageVisitor(app);
        var registered = await visitor.PostFormAsync("/register", Form(
            ("Input.Name", "Page Person"), ("Input.Email", email), ("Input.Password", Accounts.DefaultPassword), ("Input.ConfirmPassword", Accounts.DefaultPassword)), 303);
        Assert.Equal("/register/check-email", registered.Location);
        Assert.Null(visitor.SessionToken);

        var token = await app.EmailedTokenAsync(email, "/verify-email");
        var opened = await visitor.GetAsync("/verify-email?token=" + token);
        Assert.Contains("Verify email address", opened.Html);
        Assert.Equal("no-referrer", opened.Result.Context.Response.Headers["Referrer-Policy"].ToString());
        var stillUsable = await visitor.GetAsync("/verify-email?token=" + token);   // opening the link changed nothing
        Assert.Contains("Verify email address", stillUsable.Html);

        var verified = await visitor.PostFormAsync("/verify-email", Form(("Token", token)), 303, formPage: "/verify-email?token=" + token);
        Assert.Equal("/login", verified.Location);
        var login = await visitor.GetAsync("/login");
        Assert.Contains("Your email address is verified. Sign in to continue.", login.Html);

        var used = await visitor.GetAsync("/verify-email?token=" + token);
        Assert.Contains("This link has expired or has already been used.", used.Html);

        var signedIn = await visitor.PostFormAsync("/login", Form(("Input.Email", email), ("Input.Password", Accounts.DefaultPassword)), 303);
        Assert.Equal("/account", signedIn.Location);
        var account = await visitor.GetAsync("/account");
        Assert.Contains("Page Person", account.Html);
        Assert.Contains("Verified", account.Html);
    }

    [Fact]
    public async Task Sign_in_page_reports_wrong_credentials_and_keeps_the_email()
    {
        var user = await app.CreateCustomerAsync();
        var visitor = new PageVisitor(app);

        var failed = await visitor.PostFormAsync("/login", Form(("Input.Email", user.Email), ("Input.Password", "Wrong-password-1")), 401);
        Assert.Contains("<li>The email address or password is incorrect.</li>", failed.Html);
        Assert.Contains($"value=\"{user.Email}\"", failed.Html);
        Assert.Null(visitor.SessionToken);

        var empty = await visitor.PostFormAsync("/login", Form(("Input.Email", ""), ("Input.Password", "")), 400);
        AssertFieldError(empty, "Input_Email", "Enter your email address");
        AssertFieldError(empty, "Input_Password", "Enter your password");
    }

    [Fact]
    public async Task Forgot_and_reset_pages()
    {
        var user = await app.CreateCustomerAsync();
        var visitor = new PageVisitor(app);

        var invalid = await visitor.PostFormAsync("/forgot-password", Form(("Input.Email", "")), 400);
        AssertFieldError(invalid, "Input_Email", "Enter your email address");
        var sent = await visitor.PostFormAsync("/forgot-password", Form(("Input.Email", user.Email)), 303);
        Assert.Equal("/forgot-password", sent.Location);
        Assert.Contains("If an account exists for that email address, we have sent a link", (await visitor.GetAsync("/forgot-password")).Html);

        var bad = await visitor.GetAsync("/reset-password?token=" + new string('x', 43));
        Assert.Contains("This link has expired or has already been used.", bad.Html);
        Assert.Contains("Request a new link", bad.Html);

        var token = await app.EmailedTokenAsync(user.Email, "/reset-password");
        var resetPage = "/reset-password?token=" + token;
        var mismatch = await visitor.PostFormAsync("/reset-password", Form(
            ("Token", token), ("Input.NewPassword", "Chosen-password-42"), ("Input.ConfirmNewPassword", "Other-password-42")), 400, formPage: resetPage);
        AssertFieldError(mismatch, "Input_ConfirmNewPassword", "The passwords do not match");
        var common = await visitor.PostFormAsync("/reset-password", Form(
            ("Token", token), ("Input.NewPassword", "qwertyuiopasdfgh"), ("Input.ConfirmNewPassword", "qwertyuiopasdfgh")), 400, formPage: resetPage);
        AssertFieldError(common, "Input_NewPassword", "This password is too common. Choose a less common password");

        var done = await visitor.PostFormAsync("/reset-password", Form(
            ("Token", token), ("Input.NewPassword", "Chosen-password-42"), ("Input.ConfirmNewPassword", "Chosen-password-42")), 303, formPage: resetPage);
        Assert.Equal("/login", done.Location);
        await app.MeAsync(user, 401);
        await app.LoginAsync(user.Email, "Chosen-password-42", 200);
    }

    [Fact]
    public async Task Profile_page_changes_the_name_and_the_password()
    {
        var user = await app.CreateCustomerAsync();
        var visitor = PageVisitor.For(app, user);

        var noName = await visitor.PostFormAsync("/account/profile?handler=Name", Form(("Name.Name", "")), 400, formPage: "/account/profile");
        AssertFieldError(noName, "Name_Name", "Enter your name");
        var named = await visitor.PostFormAsync("/account/profile?handler=Name", Form(("Name.Name", "Renamed Person")), 303, formPage: "/account/profile");
        Assert.Equal("/account/profile", named.Location);
        var profile = await visitor.GetAsync("/account/profile");
        Assert.Contains("Your name has been updated.", profile.Html);
        Assert.Contains("(Renamed Person)", profile.Html);

        var wrong = await visitor.PostFormAsync("/account/profile?handler=Password", Form(
            ("Password.CurrentPassword", "Not-my-password-1"), ("Password.NewPassword", "Next-password-123"), ("Password.ConfirmNewPassword", "Next-password-123")), 400, formPage: "/account/profile");
        AssertFieldError(wrong, "Password_CurrentPassword", "Your current password is incorrect");

        var before = visitor.SessionToken!;
        var changed = await visitor.PostFormAsync("/account/profile?handler=Password", Form(
            ("Password.CurrentPassword", user.Password), ("Password.NewPassword", "Next-password-123"), ("Password.ConfirmNewPassword", "Next-password-123")), 303, formPage: "/account/profile");
        Assert.Equal("/account/profile", changed.Location);
        Assert.NotEqual(before, visitor.SessionToken);
        Assert.Contains("You have been signed out on all other devices.", (await visitor.GetAsync("/account/profile")).Html);
        await app.MeAsync(before, 401);
    }

    [Fact]
    public async Task Security_page_lists_sessions_and_signs_out_the_others()
    {
        var user = await app.CreateCustomerAsync();
        var other = await app.SignInAsync(user.Email, user.Password);
        var visitor = PageVisitor.For(app, user);

        var page = await visitor.GetAsync("/account/security");
        Assert.Contains("This device", page.Html);
        Assert.Contains("Sign out of all other sessions", page.Html);

        var done = await visitor.PostFormAsync("/account/security?handler=RevokeOthers", Form(), 303, formPage: "/account/security");
        Assert.Equal("/account/security", done.Location);
        Assert.Contains("You have been signed out of 1 other session.", (await visitor.GetAsync("/account/security")).Html);
        await app.MeAsync(other, 401);
        await app.MeAsync(user, 200);
    }

    [Fact]
    public async Task Sign_out_page_revokes_the_session()
    {
        var user = await app.CreateCustomerAsync();
        var visitor = PageVisitor.For(app, user);

        var home = await visitor.GetAsync("/");
        Assert.Contains("(Test Customer)", home.Html);
        var signedOut = await visitor.PostFormAsync("/logout", Form(), 303);
        Assert.Equal("/", signedOut.Location);
        Assert.Null(visitor.SessionToken);
        Assert.Contains("You have signed out.", (await visitor.GetAsync("/")).Html);
        await app.MeAsync(user, 401);
    }

    [Fact]
    public async Task Unverified_users_see_the_banner_and_can_ask_for_a_new_link()
    {
        var user = await app.CreateCustomerAsync(verified: false);
        var visitor = PageVisitor.For(app, user);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        try
        {
            var account = await visitor.GetAsync("/account");
            Assert.Contains("Verify your email address to check out and book services.", account.Html);
            var resent = await visitor.PostFormAsync("/verify-email/resend", Form(("ReturnUrl", "/account")), 303, formPage: "/account");
            Assert.Equal("/account", resent.Location);
            await Eventually.TrueAsync(async () =>
                (await app.Mail.ForAsync(user.Email)).Count(m => m.Subject == "Verify your email address") >= 2, "a second verification email");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_postgresql()
    {
        await new PageVisitor(app).GetAsync("/login");
        await using var session = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<IIdentityStore>(app.Host.Services).QuerySession();
        var keys = await Marten.QueryableExtensions.ToListAsync(session.Query<DataProtectionKey>());
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key", k.Xml));
    }
}
