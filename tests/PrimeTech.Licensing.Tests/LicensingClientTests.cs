using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PrimeTech.Licensing.Client;
using System.Globalization;

namespace PrimeTech.Licensing.Tests;

/// <summary>The project's client library against the real app: signatures, leases offline, key rotation, offline files.</summary>
[Collection(LicensingCollection.Name)]
public sealed class LicensingClientTests(LicensingFixture app) : IDisposable
{
    private readonly Purchases _purchases = new(app);
    private readonly SoftwareClients _clients = new(app);

    public void Dispose()
    {
        _clients.Dispose();
        app.Clock.Reset();
    }

    [Fact]
    public async Task Activate_validate_and_heartbeat_are_valid_with_a_verified_lease_for_this_machine()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = MachineFingerprint.From("PrimeTech", Guid.NewGuid().ToString());
        var client = _clients.For(fingerprint, _clients.NewCacheDirectory());

        var activated = await client.ActivateAsync(licence.Key, "Front desk");
        var validated = await client.ValidateAsync(licence.Key);
        var beat = await client.HeartbeatAsync(licence.Key);

        foreach (var result in new[] { activated, validated, beat })
        {
            Assert.Equal(LicenceState.Valid, result.State);
            Assert.True(result.IsValid);
            Assert.Equal((licence.Key, fingerprint, licence.ProductSku), (result.Lease!.LicenceKey, result.Lease.Fingerprint, result.Lease.ProductSku));
            Assert.True(result.Lease.ExpiresAt > DateTimeOffset.UtcNow.AddDays(6));
        }
        Assert.Matches("^ptm1-[0-9a-f]{64}$", fingerprint);

        var elsewhere = await _clients.For(LicenceApiClient.NewFingerprint(), _clients.NewCacheDirectory()).ValidateAsync(licence.Key);
        Assert.Equal((LicenceState.Invalid, "FINGERPRINT_MISMATCH"), (elsewhere.State, elsewhere.Code));
        var taken = await _clients.For(LicenceApiClient.NewFingerprint(), _clients.NewCacheDirectory()).ActivateAsync(licence.Key);
        Assert.Equal((LicenceState.Invalid, "LICENCE_ACTIVATION_LIMIT_REACHED"), (taken.State, taken.Code));
    }

    [Fact]
    public async Task A_tampered_or_unsigned_answer_is_refused()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();

        var forged = await _clients.For(fingerprint, _clients.NewCacheDirectory(), between: new RewriteAnswers(RewriteAnswers.ForgeValid))
            .ValidateAsync(licence.Key);
        var unsigned = await _clients.For(fingerprint, _clients.NewCacheDirectory(), between: new RewriteAnswers(b => b, dropSignature: true))
            .ActivateAsync(licence.Key);

        Assert.Equal(LicenceState.SignatureInvalid, forged.State);
        Assert.False(forged.IsValid);
        Assert.Null(forged.Lease);
        Assert.Equal(LicenceState.Unsigned, unsigned.State);
        Assert.False(unsigned.IsValid);
    }

    [Fact]
    public async Task An_answer_signed_by_a_key_that_is_not_pinned_is_refused()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();
        var impostor = SoftwareClients.NewPrivateKey();

        var sameIdOtherKey = await _clients.For(fingerprint, _clients.NewCacheDirectory(),
            SoftwareClients.Pinned((_clients.FixtureKeyId, impostor))).ActivateAsync(licence.Key);
        var otherId = await _clients.For(fingerprint, _clients.NewCacheDirectory(),
            SoftwareClients.Pinned(("someone-else", app.Settings["Licensing:SigningKeys:0:PrivateKey"]))).ValidateAsync(licence.Key);

        Assert.Equal(LicenceState.SignatureInvalid, sameIdOtherKey.State);
        Assert.Equal(LicenceState.UnknownSigningKey, otherId.State);
        Assert.False(sameIdOtherKey.IsValid || otherId.IsValid);
    }

    [Fact]
    public async Task After_a_rotation_the_new_key_signs_the_retired_one_is_still_listed_and_what_it_signed_still_verifies()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();
        var oldCache = _clients.NewCacheDirectory();
        var next = SoftwareClients.NewPrivateKey();
        var bothPinned = SoftwareClients.Pinned((_clients.FixtureKeyId, app.Settings["Licensing:SigningKeys:0:PrivateKey"]), ("next", next));
        Assert.Equal(LicenceState.Valid, (await _clients.For(fingerprint, oldCache, bothPinned).ActivateAsync(licence.Key)).State);

        await using var rotated = await AlbaHost.For<Program>(builder =>
        {
            app.ConfigureWebHost(builder);
            builder.UseSetting("Licensing:SigningKeys:0:Status", "Retired");
            builder.UseSetting("Licensing:SigningKeys:1:Id", "next");
            builder.UseSetting("Licensing:SigningKeys:1:PrivateKey", next);
            builder.UseSetting("Licensing:SigningKeys:1:Status", "Active");
            builder.UseSetting("Licensing:LeaseDuration", "1.00:00:00");
        });
        using var http = rotated.Server.CreateClient();
        var keys = await JsonAnswers.SendAsync(http, HttpMethod.Get, "/api/licences/keys");
        Assert.Equal([(_clients.FixtureKeyId, "Retired"), ("next", "Active")], keys.Body.GetProperty("keys").EnumerateArray()
            .Select(k => (k.GetProperty("keyId").GetString(), k.GetProperty("status").GetString())));
        Assert.StartsWith("keyid=next, ", keys.Signature);

        var online = await _clients.For(fingerprint, _clients.NewCacheDirectory(), bothPinned, host: rotated).ValidateAsync(licence.Key);
        Assert.Equal(LicenceState.Valid, online.State);
        Assert.Equal(TimeSpan.FromDays(1), online.Lease!.ExpiresAt - online.Lease.IssuedAt);

        var cachedBeforeRotation = _clients.Offline(fingerprint, oldCache, TimeProvider.System).CheckCachedLease(licence.Key);
        Assert.Equal(LicenceState.ValidOffline, cachedBeforeRotation.State);

        var pinnedOnlyOld = await _clients.For(fingerprint, _clients.NewCacheDirectory(), host: rotated).ValidateAsync(licence.Key);
        Assert.Equal(LicenceState.UnknownSigningKey, pinnedOnlyOld.State);
    }

    [Fact]
    public async Task Offline_the_cached_lease_holds_until_expiresAt_then_the_licence_is_invalid()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();
        var cache = _clients.NewCacheDirectory();
        var activated = await _clients.For(fingerprint, cache).ActivateAsync(licence.Key);
        var clock = new ShiftableClock();
        var offline = _clients.Offline(fingerprint, cache, clock);

        var soon = await offline.ValidateAsync(licence.Key);
        clock.SetUtcNow(activated.Lease!.ExpiresAt.AddMinutes(-1));
        var lastMinute = await offline.HeartbeatAsync(licence.Key);
        clock.SetUtcNow(activated.Lease.ExpiresAt.AddMinutes(1));
        var expired = await offline.ValidateAsync(licence.Key);

        Assert.Equal(LicenceState.ValidOffline, soon.State);
        Assert.Equal(LicenceState.ValidOffline, lastMinute.State);
        Assert.Equal(LicenceState.LeaseExpired, expired.State);
        Assert.False(expired.IsValid);

        // Editing the cached lease to extend it voids it.
        var file = Directory.GetFiles(cache).Single();
        var entry = JsonNode.Parse(File.ReadAllText(file))!;
        var body = Encoding.UTF8.GetString(Convert.FromBase64String(entry["Body"]!.GetValue<string>()));
        entry["Body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(body.Replace(activated.Lease.ExpiresAt.Year.ToString(CultureInfo.InvariantCulture), "2099")));
        File.WriteAllText(file, entry.ToJsonString());
        Assert.Equal(LicenceState.SignatureInvalid, (await offline.ValidateAsync(licence.Key)).State);

        var noCache = await _clients.Offline(fingerprint, _clients.NewCacheDirectory(), clock).ValidateAsync(licence.Key);
        Assert.Equal(LicenceState.Unreachable, noCache.State);
    }

    [Fact]
    public async Task An_offline_licence_file_is_the_one_activation_valid_only_on_its_fingerprint_and_revocation_stops_it_online()
    {
        var customer = await app.CreateCustomerAsync();
        var (_, licence) = await _purchases.LicenceAsync(customer.Id, customer.Email);
        var fingerprint = LicenceApiClient.NewFingerprint();
        using var http = app.ClientFor(customer);

        using var response = await http.PostAsJsonAsync($"/api/licences/{licence.Key}/offline-file", new { fingerprint, machineName = "Lab PC" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{licence.Key}.lic", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var content = await response.Content.ReadAsByteArrayAsync();
        var path = Path.Combine(_clients.NewCacheDirectory(), $"{licence.Key}.lic");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);

        var here = _clients.Offline(fingerprint, _clients.NewCacheDirectory(), TimeProvider.System).LoadOfflineFile(path);
        var there = _clients.Offline(LicenceApiClient.NewFingerprint(), _clients.NewCacheDirectory(), TimeProvider.System).LoadOfflineFile(path);
        Assert.Equal((LicenceState.ValidOffline, licence.Key), (here.State, here.Lease!.LicenceKey));
        Assert.Equal(LicenceState.WrongMachine, there.State);

        // Moving the file to another machine by editing its payload breaks the signature.
        var document = JsonNode.Parse(content)!;
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(document["payload"]!.GetValue<string>()));
        var moved = LicenceApiClient.NewFingerprint();
        document["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace(fingerprint, moved)));
        var edited = _clients.Offline(moved, _clients.NewCacheDirectory(), TimeProvider.System)
            .ReadOfflineFile(Encoding.UTF8.GetBytes(document.ToJsonString()));
        Assert.Equal(LicenceState.SignatureInvalid, edited.State);

        // It is the licence's one activation.
        var stored = await _purchases.LicenceAsync(licence.Key);
        Assert.Equal((fingerprint, "Lab PC"), (stored.Activation!.Fingerprint, stored.Activation.MachineName));
        Assert.NotNull(stored.Activation.OfflineFileId);
        Assert.Equal(Licences.LicenceAction.OfflineFileIssued, stored.History[^1].Action);
        var another = await _clients.For(LicenceApiClient.NewFingerprint(), _clients.NewCacheDirectory()).ActivateAsync(licence.Key);
        Assert.Equal("LICENCE_ACTIVATION_LIMIT_REACHED", another.Code);
        using var second = await http.PostAsJsonAsync($"/api/licences/{licence.Key}/offline-file", new { fingerprint = LicenceApiClient.NewFingerprint() });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var online = _clients.For(fingerprint, _clients.NewCacheDirectory());
        Assert.Equal(LicenceState.Valid, (await online.ValidateAsync(licence.Key)).State);
        using var admin = app.ClientFor(await app.SignInAdminAsync());
        (await admin.PostAsJsonAsync($"/api/admin/licences/{licence.Key}/revoke", new { reason = "Chargeback" })).EnsureSuccessStatusCode();
        var revoked = await online.ValidateAsync(licence.Key);
        Assert.Equal((LicenceState.Invalid, "REVOKED"), (revoked.State, revoked.Code));
    }

    [Fact]
    public async Task A_customer_downloads_an_offline_file_from_the_licences_page_and_a_bad_fingerprint_is_shown_beside_the_field()
    {
        var customer = await app.CreateCustomerAsync();
        var (_, licence) = await _purchases.LicenceAsync(customer.Id, customer.Email);
        var pages = PageVisitor.For(app, customer);
        const string url = "/account/licences";
        Assert.Contains("Download a licence file", (await pages.GetAsync(url)).Html);

        var invalid = await pages.PostFormAsync(url + "?handler=OfflineFile",
            new Dictionary<string, string> { ["licenceKey"] = licence.Key, ["fingerprint"] = "" }, 400, formPage: url);
        Assert.Contains("Enter the machine fingerprint", invalid.Html);
        Assert.Contains("aria-invalid=\"true\"", invalid.Html);

        var fingerprint = LicenceApiClient.NewFingerprint();
        var issued = await pages.PostFormAsync(url + "?handler=OfflineFile",
            new Dictionary<string, string> { ["licenceKey"] = licence.Key, ["fingerprint"] = fingerprint, ["machineName"] = "Workshop" }, 200, formPage: url);
        Assert.Contains($"filename={licence.Key}.lic", issued.Result.Context.Response.Headers.ContentDisposition.ToString());
        var file = _clients.Offline(fingerprint, _clients.NewCacheDirectory(), TimeProvider.System).ReadOfflineFile(Encoding.UTF8.GetBytes(issued.Html));
        Assert.Equal(LicenceState.ValidOffline, file.State);

        var after = await pages.GetAsync(url);
        Assert.Contains("by an offline licence file", after.Html);
        Assert.DoesNotContain("Download a licence file", after.Html);
    }

    [Fact]
    public async Task An_admin_issues_an_offline_file_from_the_licence_page_and_a_bad_fingerprint_is_shown_beside_the_field()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var admin = await app.SignInAdminAsync();
        var pages = PageVisitor.For(app, admin);
        var url = $"/admin/licences/{licence.Key}";

        var invalid = await pages.PostFormAsync(url + "?handler=OfflineFile",
            new Dictionary<string, string> { ["OfflineFile.Fingerprint"] = "short" }, 400, formPage: url);
        Assert.Contains("Fingerprint must be 16 to 128 characters", invalid.Html);

        var fingerprint = LicenceApiClient.NewFingerprint();
        var issued = await pages.PostFormAsync(url + "?handler=OfflineFile",
            new Dictionary<string, string> { ["OfflineFile.Fingerprint"] = fingerprint, ["OfflineFile.MachineName"] = "Vault" }, 200, formPage: url);
        Assert.Equal("application/vnd.primetech.licence+json", issued.Result.Context.Response.ContentType);
        var file = _clients.Offline(fingerprint, _clients.NewCacheDirectory(), TimeProvider.System).ReadOfflineFile(Encoding.UTF8.GetBytes(issued.Html));
        Assert.Equal(LicenceState.ValidOffline, file.State);
        var stored = await _purchases.LicenceAsync(licence.Key);
        Assert.Equal(Licences.LicenceActor.Admin, stored.History[^1].ByRole);
        Assert.Equal(admin.Id, stored.History[^1].ByUserId);
    }
}
