namespace PrimeTech.DeploymentTests;

/// <summary>Both instances share sessions and Data Protection keys (in PostgreSQL): what one mints, the other accepts.</summary>
[Collection(DeploymentCollection.Name), Trait("Category", "Deployment")]
public sealed partial class SharedStateTests(Deployment deployment)
{
    [Fact]
    public async Task A_session_cookie_minted_by_one_instance_is_accepted_by_the_other()
    {
        var customer = (await Customers.CreateAsync(deployment, 1))[0];
        using var first = deployment.Instance(1);
        using var second = deployment.Instance(2);
        var session = await Customers.SignInAsync(first, customer.Email, customer.Password);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", session.Cookie);
        using var me = await second.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(customer.Email, (await me.Content.ReadFromJsonAsync<Me>())!.Email);
    }

    [Fact]
    public async Task An_antiforgery_token_minted_by_one_instance_is_accepted_by_the_other()
    {
        var customer = (await Customers.CreateAsync(deployment, 1))[0];
        using var first = deployment.Instance(1);
        using var second = deployment.Instance(2);
        using var form = await first.GetAsync("/login");
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-pts-af=", StringComparison.Ordinal)).Split(';')[0];
        var token = FormToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;

        var accepted = await PostLoginAsync(second, antiforgeryCookie, token, customer);
        var forged = await PostLoginAsync(second, antiforgeryCookie, token[..^4] + "AAAA", customer);

        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Contains(accepted.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-pts=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_two_factor_enrolment_made_on_one_instance_signs_in_on_the_other()
    {
        var customer = (await Customers.CreateAsync(deployment, 1))[0];
        using var first = deployment.Instance(1);
        using var second = deployment.Instance(2);

        // The secret is encrypted by the first instance and read by the second (one Data Protection key ring).
        using var setup = await first.SendAsync(Requests.Json(HttpMethod.Post, "/api/auth/two-factor/setup", new { }, customer.Cookie));
        setup.EnsureSuccessStatusCode();
        var secret = (await setup.Content.ReadFromJsonAsync<Setup>())!.Secret;
        using var confirm = await second.SendAsync(Requests.Json(HttpMethod.Post, "/api/auth/two-factor/confirm",
            new { code = TwoFactorSteps.Code(secret, DateTimeOffset.UtcNow) }, customer.Cookie));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var recoveryCodes = (await confirm.Content.ReadFromJsonAsync<Confirmed>())!.RecoveryCodes;

        // Password on the first, code on the second: the pending sign-in is in the database too.
        using var password = await first.SendAsync(Requests.Json(HttpMethod.Post, "/api/auth/login", new { email = customer.Email, password = customer.Password }));
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        Assert.DoesNotContain(password.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-pts=", StringComparison.Ordinal));
        var pending = TwoFactorAccounts.PendingTokenFrom(password.Headers.GetValues("Set-Cookie"));
        using var code = await second.SendAsync(Requests.Json(HttpMethod.Post, "/api/auth/login/two-factor",
            new { code = recoveryCodes[0] }, $"__Host-pts-2fa={pending}"));
        Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        var session = Accounts.SessionTokenFrom(code.Headers.GetValues("Set-Cookie"));

        using var me = await first.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/auth/me") { Headers = { { "Cookie", "__Host-pts=" + session } } });
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    private sealed record Setup(string Secret);

    private sealed record Confirmed(string[] RecoveryCodes);

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string antiforgeryCookie, string token, TestUser customer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = customer.Email,
                ["Input.Password"] = customer.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        request.Headers.Add("Origin", Deployment.PublicUrl);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    private sealed record Me(string Email);
}
