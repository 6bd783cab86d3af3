namespace PrimeTech.Licensing.Tests;

/// <summary>
/// Small limits: licence API 3 requests per key and 8 per IP a minute, 2 download links per user a
/// minute, and download links that live 1 second.
/// </summary>
[Collection(LicensingCollection.Name)]
public sealed class TightLimitTests(LicensingFixture app)
{
    [Fact]
    public async Task The_licence_API_is_limited_per_key_then_per_IP_with_429_and_Retry_After()
    {
        // The per-key limiter takes its numbers once, when it is made: a host of its own, on the fixture's database.
        await using var tight = await AlbaHost.For<Program>(builder =>
        {
            app.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:LicenceIp:PermitLimit", "8");
            builder.UseSetting("RateLimits:LicenceIp:Window", "00:01:00");
            builder.UseSetting("RateLimits:LicenceKey:PermitLimit", "3");
            builder.UseSetting("RateLimits:LicenceKey:Window", "00:01:00");
        });
        var api = new LicenceApiClient(app, tight);
        var fingerprint = LicenceApiClient.NewFingerprint();
        const string keyA = "LIC-AAAA-AAAA-AAAA";
        const string keyB = "LIC-BBBB-BBBB-BBBB";

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await api.ValidateAsync(keyA, fingerprint)).Status);
        var perKey = await api.ActivateAsync(keyA, fingerprint);
        AssertRateLimited(perKey);

        Assert.Equal(HttpStatusCode.OK, (await api.ValidateAsync(keyB, fingerprint)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ValidateAsync(keyB, fingerprint)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.ValidateAsync("not a key", fingerprint)).Status);
        // That was the IP's 7th request of the minute; the 8th passes and the 9th is refused, whatever the key.

        Assert.Equal(HttpStatusCode.OK, (await api.ValidateAsync("LIC-CCCC-CCCC-CCCC", fingerprint)).Status);

        AssertRateLimited(await api.ValidateAsync("LIC-DDDD-DDDD-DDDD", fingerprint));
        AssertRateLimited(await api.DeactivateAsync("LIC-EEEE-EEEE-EEEE", fingerprint));
    }

    private static void AssertRateLimited(ApiAnswer answer)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal("RATE_LIMITED", answer.Code);
        Assert.NotNull(answer.RetryAfter);
        Assert.InRange(answer.RetryAfter!.Value.TotalSeconds, 1, 60);
        Assert.Matches(@"^Too many requests\. Try again in \d+ seconds\.$", answer.String("detail"));
    }

    [Fact]
    public async Task A_link_minted_with_a_1_second_lifetime_is_refused_once_expired_and_links_are_limited_per_user()
    {
        using var tightLimits = app.Override(
            ("RateLimits:Downloads:PermitLimit", "2"), ("RateLimits:Downloads:Window", "00:01:00"), ("Downloads:LinkLifetime", "00:00:01"));
        var shop = new ReleaseShop(app);
        var admin = await app.SignInAdminAsync();
        var (_, release, _, customer, _) = await shop.EntitledReleaseAsync(admin);

        var (status, link) = await shop.MintAsync(customer, release.ReleaseId);
        Assert.Equal(HttpStatusCode.OK, status);
        var url = link.GetProperty("url").GetString()!;
        var audit = Assert.Single(await shop.AuditsAsync(release.ReleaseId));
        Assert.Equal(TimeSpan.FromSeconds(1), audit.ExpiresAt - audit.RequestedAt);
        Assert.Equal(audit.ExpiresAt, link.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Matches("X-Amz-Expires=1(&|$)", url);

        var refusal = await Eventually.GetAsync(async () =>
        {
            using var response = await ReleaseShop.S3.GetAsync(url);
            return response.StatusCode == HttpStatusCode.Forbidden ? await response.Content.ReadAsStringAsync() : null;
        }, "the 1-second link to expire");
        Assert.Contains("expired", refusal, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await shop.MintAsync(customer, release.ReleaseId)).Status);
        var limited = await shop.MintAsync(customer, release.ReleaseId);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("RATE_LIMITED", limited.Body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await shop.MintAsync(admin, release.ReleaseId)).Status);
    }
}
