using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Storage.ObjectStorage;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class DownloadTests(LicensingFixture app)
{
    private readonly ReleaseShop _shop = new(app);

    /// <summary>Phase C: "download: signed URL minted; expiry handled".</summary>
    [Fact]
    public async Task PhaseC_download_signed_URL_minted_and_expiry_handled()
    {
        var admin = await app.SignInAdminAsync();
        var (product, release, bytes, customer, _) = await _shop.EntitledReleaseAsync(admin);

        var (status, link) = await _shop.MintAsync(customer, release.ReleaseId);
        Assert.Equal(HttpStatusCode.OK, status);
        var url = link.GetProperty("url").GetString()!;
        var expiresAt = link.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.EndsWith("Z\"", link.GetProperty("expiresAt").GetRawText());

        using (var download = await ReleaseShop.S3.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(ReleaseShop.Sha256(bytes), ReleaseShop.Sha256(await download.Content.ReadAsByteArrayAsync()));
            var disposition = string.Join(",", download.Content.Headers.GetValues("Content-Disposition"));
            Assert.StartsWith($"attachment; filename=\"{product.Slug}-1.2.3.zip\"", disposition);
            Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        }

        // Expiry: the same code path with a 1-second lifetime gives a link S3 refuses once it has expired.
        var stored = await _shop.StoredObjectOfAsync(release.ReleaseId);
        var objects = app.Host.Services.GetRequiredService<ObjectStore>();
        var shortLived = await objects.PresignGetAsync(stored.Bucket, stored.ObjectKey, release.FileName, release.ContentType, TimeSpan.FromSeconds(1));
        var refusal = await Eventually.GetAsync(async () =>
        {
            using var response = await ReleaseShop.S3.GetAsync(shortLived);
            return response.StatusCode == HttpStatusCode.Forbidden ? await response.Content.ReadAsStringAsync() : null;
        }, "the 1-second link to expire");
        Assert.Contains("expired", refusal, StringComparison.OrdinalIgnoreCase);

        // Handled: asking again mints a fresh link that works.
        var fresh = await _shop.MintUrlAsync(customer, release.ReleaseId);
        Assert.NotEqual(url, fresh);
        Assert.Equal(ReleaseShop.Sha256(bytes), ReleaseShop.Sha256(await ReleaseShop.S3.GetByteArrayAsync(fresh)));
    }

    [Fact]
    public async Task Every_mint_is_audited_with_user_release_time_and_IP()
    {
        var admin = await app.SignInAdminAsync();
        var (_, release, _, customer, _) = await _shop.EntitledReleaseAsync(admin);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await _shop.MintAsync(customer, release.ReleaseId, userAgent: "Customer-Browser/1.0 " + new string('x', 600));
        await _shop.MintAsync(admin, release.ReleaseId);

        var audits = await _shop.AuditsAsync(release.ReleaseId);
        var mine = Assert.Single(audits, a => a.UserId == customer.Id);
        Assert.False(mine.AsAdmin);
        Assert.Equal(PrimeTech.Storage.Documents.StoredObjectPurpose.Release, mine.Kind);
        Assert.InRange(mine.RequestedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(TimeSpan.FromMinutes(5), mine.ExpiresAt - mine.RequestedAt);
        Assert.NotNull(mine.IpAddress);
        Assert.Equal(512, mine.UserAgent.Length);
        Assert.StartsWith("Customer-Browser/1.0", mine.UserAgent);
        Assert.Equal((await _shop.StoredObjectOfAsync(release.ReleaseId)).Id, mine.ObjectId);
        Assert.True(Assert.Single(audits, a => a.UserId == admin.Id).AsAdmin);
    }

    [Fact]
    public async Task A_changed_signature_or_a_signature_moved_to_another_object_is_refused_by_S3()
    {
        var admin = await app.SignInAdminAsync();
        var (product, release, _, customer, _) = await _shop.EntitledReleaseAsync(admin);
        var other = await _shop.PublishAsync(admin, (await _shop.UploadOkAsync(admin, product.Id, "9.9.9", ReleaseShop.RandomBytes(4096))).ReleaseId);
        var url = await _shop.MintUrlAsync(customer, release.ReleaseId);
        using (var genuine = await ReleaseShop.S3.GetAsync(url)) Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);

        var signature = System.Text.RegularExpressions.Regex.Match(url, "X-Amz-Signature=([0-9a-f]+)").Groups[1].Value;
        var flipped = signature[..^1] + (signature[^1] == '0' ? '1' : '0');
        using (var changed = await ReleaseShop.S3.GetAsync(url.Replace(signature, flipped)))
            Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);

        var thisKey = (await _shop.StoredObjectOfAsync(release.ReleaseId)).ObjectKey;
        var otherKey = (await _shop.StoredObjectOfAsync(other.ReleaseId)).ObjectKey;
        Assert.Contains(thisKey, url);
        using (var moved = await ReleaseShop.S3.GetAsync(url.Replace(thisKey, otherKey)))
            Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);

        var renamed = url.Replace(Uri.EscapeDataString($"{product.Slug}-1.2.3.zip"), Uri.EscapeDataString("other-name.zip"));
        Assert.NotEqual(url, renamed);
        using (var alteredName = await ReleaseShop.S3.GetAsync(renamed))
            Assert.Equal(HttpStatusCode.Forbidden, alteredName.StatusCode);

        using var unsigned = await ReleaseShop.S3.GetAsync(url[..url.IndexOf('?')]);
        Assert.False(unsigned.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Only_entitled_customers_get_links_to_published_releases_and_everyone_else_gets_404()
    {
        var admin = await app.SignInAdminAsync();
        var (product, release, _, customer, paid) = await _shop.EntitledReleaseAsync(admin);
        var stranger = await app.CreateCustomerAsync();
        var draft = await _shop.UploadOkAsync(admin, product.Id, "2.0.0", [1, 2, 3]);

        Assert.Equal(HttpStatusCode.NotFound, (await _shop.MintAsync(stranger, release.ReleaseId)).Status);
        var unpublished = await _shop.MintAsync(customer, draft.ReleaseId);
        Assert.Equal(HttpStatusCode.NotFound, unpublished.Status);
        Assert.Equal("NOT_FOUND", unpublished.Body.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _shop.MintAsync(customer, Guid.NewGuid())).Status);
        Assert.Equal(HttpStatusCode.OK, (await _shop.MintAsync(admin, draft.ReleaseId)).Status);
        using (var anonymous = app.Host.Server.CreateClient())
        using (var response = await anonymous.PostAsync($"/api/downloads/{release.ReleaseId}/link", null))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using (var client = app.ClientFor(customer))
        using (var response = await client.PostAsync("/api/downloads/not-a-guid/link", null))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var listed = await app.Host.GetAsJson<ReleaseList<DownloadableRelease>>("/api/downloads", customer);
        var only = Assert.Single(listed.Items);
        Assert.Equal(release.ReleaseId, only.ReleaseId);
        Assert.Equal(release.Sha256, only.Sha256);
        Assert.Empty((await app.Host.GetAsJson<ReleaseList<DownloadableRelease>>("/api/downloads", stranger)).Items);

        await app.Host.PostAsJson<AdminRelease>($"/api/admin/releases/{release.ReleaseId}/unpublish", admin);
        Assert.Equal(HttpStatusCode.NotFound, (await _shop.MintAsync(customer, release.ReleaseId)).Status);
        Assert.Empty((await app.Host.GetAsJson<ReleaseList<DownloadableRelease>>("/api/downloads", customer)).Items);
        await _shop.PublishAsync(admin, release.ReleaseId);
        Assert.Equal(HttpStatusCode.OK, (await _shop.MintAsync(customer, release.ReleaseId)).Status);

        await new Purchases(app).PublishAsync(Purchases.Refund(paid));
        Assert.Equal(HttpStatusCode.NotFound, (await _shop.MintAsync(customer, release.ReleaseId)).Status);
        Assert.Empty((await app.Host.GetAsJson<ReleaseList<DownloadableRelease>>("/api/downloads", customer)).Items);
    }

    [Fact]
    public async Task The_downloads_list_groups_by_product_with_the_newest_version_first()
    {
        var admin = await app.SignInAdminAsync();
        var alpha = await _shop.CreateProductAsync(admin, name: "Alpha Tool " + Guid.NewGuid().ToString("N")[..6]);
        var beta = await _shop.CreateProductAsync(admin, licensed: false, name: "Beta Pack " + Guid.NewGuid().ToString("N")[..6]);
        foreach (var (product, version) in new[] { (beta, "1.0.0"), (alpha, "1.2.0"), (alpha, "1.10.0"), (beta, "1.1.0-rc.1") })
            await _shop.PublishAsync(admin, (await _shop.UploadOkAsync(admin, product.Id, version, [1])).ReleaseId);
        var customer = await app.CreateCustomerAsync();
        await _shop.EntitleAsync(customer, alpha);
        await _shop.EntitleAsync(customer, beta);

        var listed = await app.Host.GetAsJson<ReleaseList<DownloadableRelease>>("/api/downloads", customer);

        Assert.Equal(["1.10.0", "1.2.0", "1.1.0-rc.1", "1.0.0"], listed.Items.Select(r => r.Version));
        Assert.Equal([alpha.Sku, alpha.Sku, beta.Sku, beta.Sku], listed.Items.Select(r => r.ProductSku));
    }

    [Fact]
    public async Task The_downloads_page_lists_releases_and_each_click_mints_a_fresh_link()
    {
        var admin = await app.SignInAdminAsync();
        var (product, release, bytes, customer, _) = await _shop.EntitledReleaseAsync(admin);
        var pages = PageVisitor.For(app, customer);

        var page = await pages.GetAsync("/account/downloads");
        Assert.Contains($"Download {product.Name} 1.2.3", page.Text());
        Assert.Contains(release.Sha256, page.Html);
        Assert.Contains("65.5 kB", page.Text());
        Assert.Contains("Download links work for 5 minutes; each click makes a new one.", page.Text());
        Assert.DoesNotContain("releases/", page.Html);

        var click = Form.Of(("releaseId", release.ReleaseId.ToString()));
        var first = await pages.PostFormAsync("/account/downloads", click, 303);
        await pages.PostFormAsync("/account/downloads", click, 303);
        Assert.Equal(2, (await _shop.AuditsAsync(release.ReleaseId)).Count(a => a.UserId == customer.Id));
        Assert.Equal(ReleaseShop.Sha256(bytes), ReleaseShop.Sha256(await ReleaseShop.S3.GetByteArrayAsync(first.Location)));

        var stranger = PageVisitor.For(app, await app.CreateCustomerAsync());
        await stranger.PostFormAsync("/account/downloads", click, 404);
        Assert.Contains("You have no downloads yet. Software you buy appears here.", (await stranger.GetAsync("/account/downloads")).Text());
    }

    [Fact]
    public async Task The_admin_releases_page_shows_releases_and_publishes_unpublishes_and_deletes_drafts()
    {
        var admin = await app.SignInAdminAsync();
        var product = await _shop.CreateProductAsync(admin);
        var draft = await _shop.UploadOkAsync(admin, product.Id, "4.0.0", ReleaseShop.RandomBytes(1500));
        var pages = PageVisitor.For(app, admin);
        var url = $"/admin/products/{product.Id}/releases";

        var page = await pages.GetAsync(url + "?uploaded=4.0.0");
        Assert.Contains($"<title>Releases of {product.Name} — Prime Tech Services</title>", page.Html);
        Assert.Contains("Version 4.0.0 uploaded as a draft. Publish it to make it available.", page.Text());
        Assert.Contains("/js/release-upload.js", page.Html);
        Assert.Contains("Uploading a release needs JavaScript.", page.Html);
        Assert.Contains("1.5 kB", page.Text());
        Assert.Contains(draft.Sha256, page.Html);

        var none = new Dictionary<string, string>();
        await pages.PostFormAsync($"{url}?handler=Publish&releaseId={draft.ReleaseId}", none, 303, url);
        Assert.Contains("Version 4.0.0 published.", (await pages.GetAsync(url)).Text());

        await pages.PostFormAsync($"{url}?handler=Unpublish&releaseId={draft.ReleaseId}", none, 303, url);
        Assert.Contains("Version 4.0.0 unpublished.", (await pages.GetAsync(url)).Text());

        var download = await pages.PostFormAsync($"{url}?handler=Download&releaseId={draft.ReleaseId}", none, 303, url);
        Assert.StartsWith("http://127.0.0.1:", download.Location);

        var another = await _shop.UploadOkAsync(admin, product.Id, "4.1.0", [9, 9]);
        var unconfirmed = await pages.PostFormAsync($"{url}?handler=Delete&releaseId={another.ReleaseId}", none, 400, url);
        Assert.Contains("Confirm that you want to delete this draft", unconfirmed.Text());
        await pages.PostFormAsync($"{url}?handler=Delete&releaseId={another.ReleaseId}", Form.Of(("confirm", "true")), 303, url);
        Assert.Contains("Version 4.1.0 deleted.", (await pages.GetAsync(url)).Text());

        await pages.GetAsync($"/admin/products/{Guid.NewGuid()}/releases", expectedStatus: 404);
    }
}
