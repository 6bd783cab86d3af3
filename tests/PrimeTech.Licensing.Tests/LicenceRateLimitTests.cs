using System.Net;
using PrimeTech.Testing;
using Xunit;

namespace PrimeTech.Licensing.Tests;

[CollectionDefinition(Name)]
public sealed class LicenceRateLimitCollection : ICollectionFixture<LicenceRateLimitFixture>
{
    public const string Name = "licence-rate-limits";
}

/// <summary>The app with small licence limits: 3 requests per key and 8 per IP a minute.</summary>
public sealed class LicenceRateLimitFixture : AppFixture
{
    public LicenceRateLimitFixture()
    {
        Settings["RateLimits:LicenceIp:PermitLimit"] = "8";
        Settings["RateLimits:LicenceIp:Window"] = "00:01:00";
        Settings["RateLimits:LicenceKey:PermitLimit"] = "3";
        Settings["RateLimits:LicenceKey:Window"] = "00:01:00";
    }
}

[Collection(LicenceRateLimitCollection.Name)]
public sealed class LicenceRateLimitTests(LicenceRateLimitFixture app)
{
    private readonly LicenceApiClient _api = new(app);

    [Fact]
    public async Task The_licence_API_is_limited_per_key_then_per_IP_with_429_and_Retry_After()
    {
        var fingerprint = LicenceApiClient.NewFingerprint();
        const string keyA = "LIC-AAAA-AAAA-AAAA";
        const string keyB = "LIC-BBBB-BBBB-BBBB";

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await _api.ValidateAsync(keyA, fingerprint)).Status);
        var perKey = await _api.ActivateAsync(keyA, fingerprint);
        AssertRateLimited(perKey);

        Assert.Equal(HttpStatusCode.OK, (await _api.ValidateAsync(keyB, fingerprint)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.ValidateAsync(keyB, fingerprint)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.ValidateAsync("not a key", fingerprint)).Status);
        // That was the IP's 7th request of the minute; the 8th passes and the 9th is refused, whatever the key.

        Assert.Equal(HttpStatusCode.OK, (await _api.ValidateAsync("LIC-CCCC-CCCC-CCCC", fingerprint)).Status);

        AssertRateLimited(await _api.ValidateAsync("LIC-DDDD-DDDD-DDDD", fingerprint));
        AssertRateLimited(await _api.DeactivateAsync("LIC-EEEE-EEEE-EEEE", fingerprint));
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
}
