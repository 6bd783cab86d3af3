using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Storage.Releases;

/// <summary>
/// <c>seed --demo-releases</c> (or <c>Seed:DemoReleases</c>): for each demo product without releases,
/// a real file made here — <c>{slug}-1.0.0.zip</c> with a README and 256 KiB of deterministic
/// bytes — uploaded and published as version 1.0.0, so a newcomer who buys one can download it.
/// Runs after the demo catalogue; safe to run again.
/// </summary>
public sealed class DemoReleases(IMessageBus bus, ReleaseFiles files) : ISeedStep
{
    public const string Version = "1.0.0";
    public static readonly string[] DemoSkus = ["PT-BACKUP-PRO", "PT-DISK-INSPECTOR", "PT-ADMIN-SCRIPTS"];

    public int Order => 40;

    public async Task<IReadOnlyList<string>> RunAsync(SeedArguments arguments, CancellationToken ct)
    {
        if (!arguments.DemoReleases) return ["demo releases: skipped (add --demo-releases to publish them)"];

        var products = (await bus.InvokeAsync<ProductSummaries>(new GetProductsBySku(DemoSkus), ct)).Items;
        var lines = new List<string>();
        foreach (var sku in DemoSkus)
        {
            var product = products.FirstOrDefault(p => p.Sku == sku);
            if (product is null)
            {
                lines.Add($"release {sku} {Version}: product missing, skipped");
                continue;
            }
            if ((await bus.InvokeAsync<ReleaseList<AdminRelease>>(new ListAdminReleases(product.Id), ct)).Items.Count > 0)
            {
                lines.Add($"release {sku} {Version}: exists");
                continue;
            }

            var fileName = $"{product.Slug}-{Version}.zip";
            await using var zip = new MemoryStream(DemoZip(product));
            var objectKey = ReleaseFiles.NewObjectKey();
            var stored = await files.PutAsync(objectKey, zip, "application/zip", long.MaxValue, ct);
            var release = await bus.InvokeAsync<AdminRelease>(new RecordRelease(product,
                new PreparedRelease(Version, $"First release of {product.Name}.\nA demo file made by the seed command.", ReleaseChannels.Stable),
                files.Bucket, objectKey, fileName, "application/zip", stored.SizeBytes, stored.Sha256, UploadedBy: Guid.Empty), ct);
            await bus.InvokeAsync<AdminRelease>(new PublishRelease(release.ReleaseId), ct);
            lines.Add($"release {sku} {Version}: published");
        }
        return lines;
    }

    /// <summary>A small real zip: README.txt and 256 KiB of bytes derived from the product's slug (the same every run).</summary>
    public static byte[] DemoZip(ProductInfo product)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var readme = archive.CreateEntry("README.txt", CompressionLevel.Optimal);
            readme.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using (var writer = new StreamWriter(readme.Open(), new UTF8Encoding(false)))
                writer.Write($"{product.Name} {Version}\r\n\r\nA demo release published by the Prime Tech Services seed command.\r\n" +
                             "It contains no software: data.bin holds 256 KiB of filler bytes.\r\n");

            var data = archive.CreateEntry("data.bin", CompressionLevel.NoCompression);
            data.LastWriteTime = readme.LastWriteTime;
            using var stream = data.Open();
            var seed = Encoding.UTF8.GetBytes(product.Slug);
            for (var block = 0; block < 256 * 1024 / 32; block++)
                stream.Write(SHA256.HashData([.. seed, .. BitConverter.GetBytes(block)]));
        }
        return buffer.ToArray();
    }
}
