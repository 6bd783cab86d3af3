using PrimeTech.Storage.Releases;

namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class ReleaseTests(LicensingFixture app)
{
    private readonly ReleaseShop _shop = new(app);

    private static string FirstError(JsonElement body, string field) => body.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task An_upload_streams_to_S3_and_records_a_draft_with_size_and_SHA_256()
    {
        var admin = await app.SignInAdminAsync();
        var product = await _shop.CreateProductAsync(admin);
        var bytes = ReleaseShop.RandomBytes(17 * 1024 * 1024 + 123);

        var (status, body) = await _shop.UploadAsync(admin, product.Id, " 2.0.0-beta.1+build.7 ", "Line one\r\nLine two", bytes, "My Setup.EXE",
            "application/vnd.microsoft.portable-executable");

        Assert.Equal(HttpStatusCode.Created, status);
        var release = body.Deserialize<AdminRelease>(JsonSerializerOptions.Web)!;
        Assert.Equal("Draft", release.Status);
        Assert.Equal("2.0.0-beta.1+build.7", release.Version);
        Assert.Equal("Line one\nLine two", release.Notes);
        Assert.Equal(bytes.LongLength, release.SizeBytes);
        Assert.Equal(ReleaseShop.Sha256(bytes), release.Sha256);
        Assert.Equal($"{product.Slug}-2.0.0-beta.1+build.7.exe", release.FileName);
        Assert.Equal("My Setup.EXE", release.OriginalFileName);
        Assert.Equal("application/vnd.microsoft.portable-executable", release.ContentType);
        Assert.Equal(admin.Id, release.UploadedBy);
        Assert.Null(release.PublishedAt);
        Assert.DoesNotContain("releases/", body.GetRawText());

        var stored = await _shop.StoredObjectOfAsync(release.ReleaseId);
        Assert.Matches("^releases/[0-9a-f]{32}$", stored.ObjectKey);
        Assert.Equal(ReleaseShop.Sha256(bytes), stored.Sha256);
        var downloaded = await ReleaseShop.S3.GetByteArrayAsync(await _shop.MintUrlAsync(admin, release.ReleaseId));
        Assert.Equal(ReleaseShop.Sha256(bytes), ReleaseShop.Sha256(downloaded));
    }

    [Fact]
    public async Task Upload_fields_are_checked_before_the_file_is_read()
    {
        var admin = await app.SignInAdminAsync();
        var product = await _shop.CreateProductAsync(admin);
        var file = ReleaseShop.RandomBytes(1000);

        var noVersion = await _shop.UploadAsync(admin, product.Id, "  ", null, file);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.Status);
        Assert.Equal("Enter a version", FirstError(noVersion.Body, "version"));

        foreach (var bad in new[] { "1.4", "v1.4.0", "01.4.0", "1.4.0-", "1.4.0 beta", "1." + new string('1', 62) + ".0" })
        {
            var answer = await _shop.UploadAsync(admin, product.Id, bad, null, file);
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal("Version must look like 1.4.0 or 2.0.0-beta.1", FirstError(answer.Body, "version"));
        }

        var longNotes = await _shop.UploadAsync(admin, product.Id, "1.0.0", new string('n', 10_001), file);
        Assert.Equal("Release notes must be 10,000 characters or fewer", FirstError(longNotes.Body, "notes"));

        var noFile = await _shop.UploadAsync(admin, product.Id, "1.0.0", "Notes", null);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.Status);
        Assert.Equal("Choose a file", FirstError(noFile.Body, "file"));

        var empty = await _shop.UploadAsync(admin, product.Id, "1.0.0", "Notes", []);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("The file is empty", FirstError(empty.Body, "file"));

        await _shop.UploadOkAsync(admin, product.Id, "1.0.0", file);
        var duplicate = await _shop.UploadAsync(admin, product.Id, "1.0.0", null, file);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal("DUPLICATE_VALUE", duplicate.Body.GetProperty("code").GetString());
        Assert.Equal("Version 1.0.0 already exists for this product", FirstError(duplicate.Body, "version"));

        var releases = await app.Host.GetAsJson<ReleaseList<AdminRelease>>($"/api/admin/products/{product.Id}/releases", admin);
        Assert.Single(releases.Items);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_413_and_nothing_is_kept()
    {
        var admin = await app.SignInAdminAsync();
        var product = await _shop.CreateProductAsync(admin);

        var (status, body) = await _shop.UploadAsync(admin, product.Id, "1.0.0", null, new byte[LicensingFixture.MaxUploadBytes + 1]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("PAYLOAD_TOO_LARGE", body.GetProperty("code").GetString());
        Assert.Equal($"The file must be smaller than {FileSize.Format(LicensingFixture.MaxUploadBytes)}.", body.GetProperty("detail").GetString());
        Assert.Empty((await app.Host.GetAsJson<ReleaseList<AdminRelease>>($"/api/admin/products/{product.Id}/releases", admin)).Items);
        Assert.Equal(HttpStatusCode.Created, (await _shop.UploadAsync(admin, product.Id, "1.0.0", null, new byte[LicensingFixture.MaxUploadBytes])).Status);
    }

    [Fact]
    public async Task Uploads_need_an_admin_a_known_product_and_multipart()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();
        var product = await _shop.CreateProductAsync(admin);

        Assert.Equal(HttpStatusCode.Forbidden, (await _shop.UploadAsync(customer, product.Id, "1.0.0", null, [1])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _shop.UploadAsync(admin, Guid.NewGuid(), "1.0.0", null, [1])).Status);
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { version = "1.0.0" }).ToUrl($"/api/admin/products/{product.Id}/releases");
            s.SignedInAs(admin);
            s.StatusCodeShouldBe(415);
        });
        await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/admin/products/{Guid.NewGuid()}/releases");
            s.SignedInAs(admin);
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task Publish_unpublish_and_delete_follow_the_release_state_machine()
    {
        var admin = await app.SignInAdminAsync();
        var product = await _shop.CreateProductAsync(admin);
        var draft = await _shop.UploadOkAsync(admin, product.Id, "3.1.0", ReleaseShop.RandomBytes(2048));

        var published = await _shop.PublishAsync(admin, draft.ReleaseId);
        Assert.Equal("Published", published.Status);
        Assert.NotNull(published.PublishedAt);
        await Expect409(admin, $"/api/admin/releases/{draft.ReleaseId}/publish", HttpMethod.Post);
        await Expect409(admin, $"/api/admin/releases/{draft.ReleaseId}", HttpMethod.Delete);

        var unpublished = await app.Host.PostAsJson<AdminRelease>($"/api/admin/releases/{draft.ReleaseId}/unpublish", admin);
        Assert.Equal("Unpublished", unpublished.Status);
        await Expect409(admin, $"/api/admin/releases/{draft.ReleaseId}/unpublish", HttpMethod.Post);
        Assert.Equal("Published", (await _shop.PublishAsync(admin, draft.ReleaseId)).Status);

        var other = await _shop.UploadOkAsync(admin, product.Id, "3.2.0", ReleaseShop.RandomBytes(2048));
        await Expect409(admin, $"/api/admin/releases/{other.ReleaseId}/unpublish", HttpMethod.Post);
        var stored = await _shop.StoredObjectOfAsync(other.ReleaseId);
        var adminUrl = await _shop.MintUrlAsync(admin, other.ReleaseId);
        await app.Host.Scenario(s =>
        {
            s.Delete.Url($"/api/admin/releases/{other.ReleaseId}");
            s.SignedInAs(admin);
            s.StatusCodeShouldBe(204);
        });
        await Eventually.TrueAsync(async () =>
        {
            using var response = await ReleaseShop.S3.GetAsync(adminUrl);
            return response.StatusCode == HttpStatusCode.NotFound;
        }, $"the deleted draft's object {stored.ObjectKey} to be removed from S3");
        await app.Host.Scenario(s =>
        {
            s.Post.Url($"/api/admin/releases/{other.ReleaseId}/publish");
            s.SignedInAs(admin);
            s.StatusCodeShouldBe(404);
        });
    }

    private async Task Expect409(TestUser admin, string url, HttpMethod method)
    {
        using var client = app.ClientFor(admin);
        using var response = await client.SendAsync(new HttpRequestMessage(method, url));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("INVALID_STATUS_TRANSITION", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admins_see_every_release_newest_version_first()
    {
        var admin = await app.SignInAdminAsync();
        var product = await _shop.CreateProductAsync(admin);
        foreach (var version in new[] { "1.9.0", "1.10.0", "1.10.0-rc.1", "1.10.0-beta.2", "1.10.0-beta.11", "0.9.9" })
            await _shop.UploadOkAsync(admin, product.Id, version, [1, 2, 3]);

        var releases = await app.Host.GetAsJson<ReleaseList<AdminRelease>>($"/api/admin/products/{product.Id}/releases", admin);

        Assert.Equal(["1.10.0", "1.10.0-rc.1", "1.10.0-beta.11", "1.10.0-beta.2", "1.9.0", "0.9.9"], releases.Items.Select(r => r.Version));
    }
}

internal static class AlbaJson
{
    public static async Task<T> GetAsJson<T>(this IAlbaHost host, string url, TestUser user)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.SignedInAs(user);
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    public static async Task<T> PostAsJson<T>(this IAlbaHost host, string url, TestUser user)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Url(url);
            s.SignedInAs(user);
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<T>())!;
    }
}
