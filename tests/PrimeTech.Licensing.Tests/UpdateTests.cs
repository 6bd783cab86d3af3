using System.Net.Http.Json;
using PrimeTech.Licensing.Client;

namespace PrimeTech.Licensing.Tests;

/// <summary>Upgrade checks through the client: channels, semantic versions, signed download links, yanked releases.</summary>
[Collection(LicensingCollection.Name)]
public sealed class UpdateTests(LicensingFixture app) : IDisposable
{
    private readonly Purchases _purchases = new(app);
    private readonly ReleaseShop _shop = new(app);
    private readonly SoftwareClients _clients = new(app);

    public void Dispose() => _clients.Dispose();

    [Fact]
    public async Task The_newest_release_in_the_channel_is_offered_with_a_working_link_then_once_yanked_it_is_not_offered_but_still_listed()
    {
        var admin = await app.SignInAdminAsync();
        var product = await _shop.CreateProductAsync(admin);
        var older = ReleaseShop.RandomBytes(4096);
        var newest = ReleaseShop.RandomBytes(8192);
        var v110 = await _shop.PublishAsync(admin, (await _shop.UploadOkAsync(admin, product.Id, "1.10.0", older)).ReleaseId);
        var v190 = await _shop.PublishAsync(admin, (await _shop.UploadOkAsync(admin, product.Id, "1.9.0", ReleaseShop.RandomBytes(1024))).ReleaseId);
        var v200 = await _shop.PublishAsync(admin, (await _shop.UploadOkAsync(admin, product.Id, "2.0.0", newest, notes: "Faster.")).ReleaseId);
        var beta = await _shop.PublishAsync(admin, (await _shop.UploadOkAsync(admin, product.Id, "3.0.0-beta.1", ReleaseShop.RandomBytes(512))).ReleaseId);
        await _shop.UploadOkAsync(admin, product.Id, "4.0.0", ReleaseShop.RandomBytes(512)); // a draft is never offered
        Assert.Equal(("stable", "beta"), (v200.Channel, beta.Channel));

        var customer = await app.CreateCustomerAsync();
        var paid = await _shop.EntitleAsync(customer, product);
        var licence = (await _purchases.LicencesAsync(paid.OrderId)).Single();
        var fingerprint = LicenceApiClient.NewFingerprint();
        var client = _clients.For(fingerprint, _clients.NewCacheDirectory());
        Assert.True((await client.ActivateAsync(licence.Key)).IsValid);

        var stable = await client.CheckForUpdatesAsync(licence.Key, "1.9.0");
        Assert.Equal(UpdateState.Available, stable.State);
        var update = stable.Update!;
        Assert.Equal(("2.0.0", "stable", "Faster.", 8192L, ReleaseShop.Sha256(newest)), (update.Version, update.Channel, update.Notes, update.SizeBytes, update.Sha256));
        Assert.InRange(update.ExpiresAt!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(newest, await ReleaseShop.S3.GetByteArrayAsync(update.Url));
        Assert.Contains((await _shop.AuditsAsync(v200.ReleaseId)), a => a.UserId == customer.Id && !a.AsAdmin);

        Assert.Equal("3.0.0-beta.1", (await client.CheckForUpdatesAsync(licence.Key, "1.9.0", "beta")).Update!.Version);
        Assert.Equal(UpdateState.UpToDate, (await client.CheckForUpdatesAsync(licence.Key, "2.0.0")).State);

        // Not activated on this machine: told about the update, without a link.
        var elsewhere = await _clients.For(LicenceApiClient.NewFingerprint(), _clients.NewCacheDirectory()).CheckForUpdatesAsync(licence.Key, "1.0.0");
        Assert.Equal(("2.0.0", null, null), (elsewhere.Update!.Version, elsewhere.Update.Url, elsewhere.Update.ExpiresAt));

        using var adminHttp = app.ClientFor(admin);
        using (var yank = await adminHttp.PostAsJsonAsync($"/api/admin/releases/{v200.ReleaseId}/yank", new { reason = "Corrupts backups on FAT32" }))
            Assert.Equal(HttpStatusCode.OK, yank.StatusCode);

        var afterYank = await client.CheckForUpdatesAsync(licence.Key, "1.9.0");
        Assert.Equal(("1.10.0", ReleaseShop.Sha256(older)), (afterYank.Update!.Version, afterYank.Update.Sha256));
        Assert.Equal(UpdateState.UpToDate, (await client.CheckForUpdatesAsync(licence.Key, "1.10.0")).State);

        var listed = await adminHttp.GetFromJsonAsync<JsonElement>($"/api/admin/products/{product.Id}/releases");
        var yanked = listed.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("version").GetString() == "2.0.0");
        Assert.Equal("Corrupts backups on FAT32", yanked.GetProperty("yankedReason").GetString());
        var mine = await app.ClientFor(customer).GetFromJsonAsync<JsonElement>("/api/downloads");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), r => r.GetProperty("yankedReason").GetString() == "Corrupts backups on FAT32");
        Assert.Equal(HttpStatusCode.NotFound, (await _shop.MintAsync(customer, v200.ReleaseId)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _shop.MintAsync(customer, v190.ReleaseId)).Status);

        using var again = await adminHttp.PostAsJsonAsync($"/api/admin/releases/{v200.ReleaseId}/yank", new { reason = "twice" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var noReason = await adminHttp.PostAsJsonAsync($"/api/admin/releases/{v110.ReleaseId}/yank", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
    }

    [Fact]
    public async Task Update_checks_validate_their_query_and_a_revoked_licence_gets_no_update()
    {
        var (paid, licence) = await _purchases.LicenceAsync();
        using var http = app.Host.Server.CreateClient();
        var fingerprint = LicenceApiClient.NewFingerprint();

        var badVersion = await JsonAnswers.SendAsync(http, HttpMethod.Get,
            $"/api/licences/updates?licenceKey={licence.Key}&fingerprint={fingerprint}&currentVersion=1.2&channel=nightly");
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.Status);
        Assert.Equal(["channel", "currentVersion"], badVersion.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        var none = await _clients.For(fingerprint, _clients.NewCacheDirectory()).CheckForUpdatesAsync(licence.Key, "1.0.0");
        Assert.Equal(UpdateState.UpToDate, none.State);

        await _purchases.PublishAsync(Purchases.Refund(paid));
        var revoked = await _clients.For(fingerprint, _clients.NewCacheDirectory()).CheckForUpdatesAsync(licence.Key, "1.0.0");
        Assert.Equal((UpdateState.Refused, "LICENCE_REVOKED"), (revoked.State, revoked.Code));
    }
}
