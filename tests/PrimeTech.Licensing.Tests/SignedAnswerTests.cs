using PrimeTech.Licensing.Client;
using PrimeTech.Licensing.Signing;

namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class SignedAnswerTests(LicensingFixture app) : IDisposable
{
    private readonly Purchases _purchases = new(app);
    private readonly SoftwareClients _clients = new(app);

    public void Dispose() => _clients.Dispose();

    [Fact]
    public async Task The_keys_endpoint_publishes_the_active_public_key_and_every_licence_answer_is_signed_by_it_errors_included()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();
        using var http = app.Host.Server.CreateClient();

        var keys = await JsonAnswers.SendAsync(http, HttpMethod.Get, "/api/licences/keys");
        Assert.True(keys.Status == HttpStatusCode.OK, $"{keys.Status}: {System.Text.Encoding.UTF8.GetString(keys.Bytes)[..Math.Min(2000, keys.Bytes.Length)]}");
        var published = Assert.Single(keys.Body.GetProperty("keys").EnumerateArray());
        Assert.Equal(_clients.FixtureKeyId, published.GetProperty("keyId").GetString());
        Assert.Equal("Ed25519", published.GetProperty("algorithm").GetString());
        Assert.Equal("Active", published.GetProperty("status").GetString());
        var publicKey = published.GetProperty("publicKey").GetString()!;
        Assert.Equal(32, Convert.FromBase64String(publicKey).Length);
        Assert.Equal(SoftwareClients.PublicKeyOf(app.Settings["Licensing:SigningKeys:0:PrivateKey"]), publicKey);
        var pinned = new PinnedKeys(new Dictionary<string, string> { [_clients.FixtureKeyId] = publicKey });

        var answers = new[]
        {
            keys,
            await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/activate", new { licenceKey = licence.Key, fingerprint }),
            await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/validate", new { licenceKey = licence.Key, fingerprint }),
            await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/heartbeat", new { licenceKey = licence.Key, fingerprint }),
            await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/activate", new { licenceKey = licence.Key, fingerprint = "x" }),
            await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/activate", new { licenceKey = "LIC-ZZZZ-ZZZZ-ZZZ0", fingerprint }),
            await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/validate", new { licenceKey = "nonsense", fingerprint }),
            await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/deactivate", new { licenceKey = licence.Key, fingerprint }),
        };
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest,
            HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.OK], answers.Select(a => a.Status));
        foreach (var answer in answers)
        {
            Assert.Matches($"^keyid={_clients.FixtureKeyId}, sig=[A-Za-z0-9+/]{{86}}==$", answer.Signature);
            Assert.Equal(SignatureVerdict.Valid, pinned.VerifyHeader(answer.Signature, answer.Bytes));
            var changed = answer.Bytes.ToArray();
            changed[changed.Length / 2] ^= 0x01;
            Assert.Equal(SignatureVerdict.Invalid, pinned.VerifyHeader(answer.Signature, changed));
        }
    }

    [Fact]
    public async Task Activate_and_validate_carry_a_seven_day_lease_for_this_machine_and_an_invalid_answer_none()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();
        using var http = app.Host.Server.CreateClient();

        var activated = await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/activate", new { licenceKey = licence.Key, fingerprint });
        var validated = await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/validate", new { licenceKey = licence.Key, fingerprint });
        var elsewhere = await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/validate",
            new { licenceKey = licence.Key, fingerprint = LicenceApiClient.NewFingerprint() });

        foreach (var answer in new[] { activated, validated })
        {
            var lease = answer.Body.GetProperty("lease");
            Assert.Equal(licence.Key, lease.GetProperty("licenceKey").GetString());
            Assert.Equal(fingerprint, lease.GetProperty("fingerprint").GetString());
            Assert.Equal(licence.ProductSku, lease.GetProperty("productSku").GetString());
            Assert.Equal("Active", lease.GetProperty("status").GetString());
            var issuedAt = lease.GetProperty("issuedAt").GetDateTimeOffset();
            Assert.Equal(TimeSpan.FromDays(7), lease.GetProperty("expiresAt").GetDateTimeOffset() - issuedAt);
            Assert.InRange(issuedAt, app.Clock.GetUtcNow().AddMinutes(-1), app.Clock.GetUtcNow());
        }
        Assert.Equal("FINGERPRINT_MISMATCH", elsewhere.Body.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, elsewhere.Body.GetProperty("lease").ValueKind);
    }

    [Fact]
    public async Task Keys_generate_prints_configuration_lines_for_a_new_usable_key()
    {
        var result = await app.RunHostCommandAsync("keys", "generate");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("Licensing__", StringComparison.Ordinal)).ToDictionary(
            l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        Assert.Matches("^[A-Za-z0-9._-]{1,64}$", lines["Licensing__SigningKeys__0__Id"]);
        Assert.Equal("Active", lines["Licensing__SigningKeys__0__Status"]);
        Assert.Equal(32, Convert.FromBase64String(lines["Licensing__SigningKeys__0__PrivateKey"]).Length);
        Assert.Empty(LicenceSigningKeys.Problems([new SigningKeyOptions
        {
            Id = lines["Licensing__SigningKeys__0__Id"], PrivateKey = lines["Licensing__SigningKeys__0__PrivateKey"],
        }]));
    }

    /// <summary>The real executable's refusal is in Host.Tests' ProductionRefusalTests; here, the messages themselves.</summary>
    [Fact]
    public void Missing_or_ambiguous_signing_keys_are_named_with_the_way_to_make_one()
    {
        var none = string.Join(" ", LicenceSigningKeys.Problems([]));
        Assert.Contains("Configuration key 'Licensing:SigningKeys:0:PrivateKey' is missing", none);
        Assert.Contains("keys generate", none);
        var twoActive = string.Join(" ", LicenceSigningKeys.Problems([
            new SigningKeyOptions { Id = "a", PrivateKey = SoftwareClients.NewPrivateKey() },
            new SigningKeyOptions { Id = "b", PrivateKey = SoftwareClients.NewPrivateKey() }]));
        Assert.Contains("exactly one signing key must be Active", twoActive);
    }
}
