namespace PrimeTech.Identity.Tests;

/// <summary>Register, login, forgot-password and resend answer alike for known and unknown emails.</summary>
[Collection(IdentityCollection.Name)]
public sealed class EnumerationTests(IdentityFixture app)
{
    private async Task<(int Status, string Body)> PostAsync(string url, object body)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode,
            result.Context.Response.ContentType == "application/problem+json" ? await result.ProblemWithoutTraceAsync() : text);
    }

    [Fact]
    public async Task Login_answers_alike_for_an_unknown_email_and_a_wrong_password()
    {
        var known = await app.CreateCustomerAsync();
        var wrongPassword = await PostAsync("/api/auth/login", new { email = known.Email, password = "Not-the-password-1" });
        var unknownEmail = await PostAsync("/api/auth/login", new { email = Accounts.NewEmail(), password = "Not-the-password-1" });

        Assert.Equal(401, wrongPassword.Status);
        Assert.Equal(wrongPassword, unknownEmail);
        Assert.Contains("\"code\":\"INVALID_CREDENTIALS\"", unknownEmail.Body);
    }

    [Fact]
    public async Task Register_answers_alike_for_a_new_and_an_existing_email()
    {
        var known = await app.CreateCustomerAsync();
        var existing = await PostAsync("/api/auth/register", new { email = known.Email, name = "Someone", password = "Fresh-password-4321" });
        var fresh = await PostAsync("/api/auth/register", new { email = Accounts.NewEmail(), name = "Someone", password = "Fresh-password-4321" });

        Assert.Equal(202, fresh.Status);
        Assert.Equal(fresh, existing);
    }

    [Fact]
    public async Task Forgot_password_and_resend_answer_alike_for_known_and_unknown_emails()
    {
        var known = await app.CreateCustomerAsync(verified: false);
        var unknown = Accounts.NewEmail();

        var forgotKnown = await PostAsync("/api/auth/forgot-password", new { email = known.Email });
        var forgotUnknown = await PostAsync("/api/auth/forgot-password", new { email = unknown });
        Assert.Equal(202, forgotKnown.Status);
        Assert.Equal(forgotKnown, forgotUnknown);
        await app.EmailedTokenAsync(known.Email, "/reset-password");

        var resendKnown = await PostAsync("/api/auth/resend-verification", new { email = known.Email });
        var resendUnknown = await PostAsync("/api/auth/resend-verification", new { email = unknown });
        Assert.Equal(202, resendKnown.Status);
        Assert.Equal(resendKnown, resendUnknown);
    }
}
