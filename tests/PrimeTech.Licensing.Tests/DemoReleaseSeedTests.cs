using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Ordering.Contracts;
using PrimeTech.Storage.Releases;
using Wolverine;

namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class DemoReleaseSeedTests(LicensingFixture app)
{
    [Fact]
    public async Task Seed_with_demo_releases_publishes_a_real_file_for_each_demo_product_once()
    {
        var first = await app.RunHostCommandAsync("seed", "--demo-releases");
        var second = await app.RunHostCommandAsync("seed", "--demo-releases");

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        foreach (var sku in DemoReleases.DemoSkus)
        {
            Assert.Contains($"release {sku} 1.0.0: published", first.Output);
            Assert.Contains($"release {sku} 1.0.0: exists", second.Output);
        }

        var bus = app.Host.Services.GetRequiredService<IMessageBus>();
        var admin = await app.SignInAdminAsync();
        var shop = new ReleaseShop(app);
        foreach (var product in (await bus.InvokeAsync<ProductSummaries>(new GetProductsBySku(DemoReleases.DemoSkus))).Items)
        {
            var release = Assert.Single((await app.Host.GetAsJson<ReleaseList<AdminRelease>>($"/api/admin/products/{product.Id}/releases", admin)).Items);
            Assert.Equal("Published", release.Status);
            Assert.Equal($"{product.Slug}-1.0.0.zip", release.FileName);
            Assert.Equal(ReleaseShop.Sha256(DemoReleases.DemoZip(product)), release.Sha256);

            var bytes = await ReleaseShop.S3.GetByteArrayAsync(await shop.MintUrlAsync(admin, release.ReleaseId));
            using var zip = new ZipArchive(new MemoryStream(bytes));
            Assert.Equal(["README.txt", "data.bin"], zip.Entries.Select(e => e.FullName));
            Assert.Equal(256 * 1024, zip.GetEntry("data.bin")!.Length);
        }
    }

    [Fact]
    public async Task Seed_without_the_option_publishes_no_demo_release()
    {
        var result = await app.RunHostCommandAsync("seed");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("demo releases: skipped", result.Output);
    }
}
