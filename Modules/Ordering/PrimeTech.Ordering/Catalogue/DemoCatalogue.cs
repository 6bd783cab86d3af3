using PrimeTech.BuildingBlocks.Operations;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>
/// <c>seed</c>: the three demo products, created by SKU if missing and never overwritten — two
/// licensed desktop apps and one unlicensed scripts pack.
/// </summary>
public sealed class DemoCatalogue(IOrderingStore store, TimeProvider clock) : ISeedStep
{
    public int Order => 20;

    private static readonly CreateProduct[] Products =
    [
        new("PT-BACKUP-PRO", "backup-pro", "Prime Backup Pro",
            "Automatic, encrypted backups of your business PCs to local disks or network shares.",
            """
            ## Back up without thinking about it

            Prime Backup Pro copies your documents, mailboxes and databases on a schedule you choose,
            encrypts them with AES-256 and keeps as many versions as you need.

            - Incremental backups after the first full copy
            - Restore a single file or a whole folder in a few clicks
            - Email report after every run

            Works on Windows 10 and 11. One licence covers one computer.
            """,
            4999, 20m, IsLicensed: true, IsActive: true),
        new("PT-DISK-INSPECTOR", "disk-inspector", "Prime Disk Inspector",
            "See what fills your disks, spot failing drives early and reclaim space safely.",
            """
            ## Know your disks

            Prime Disk Inspector maps every folder by size, reads each drive's **SMART** health data and
            warns you before a disk fails.

            - Interactive map of disk usage
            - Health checks with plain-English advice
            - Safe clean-up of temporary files

            Works on Windows 10 and 11. One licence covers one computer.
            """,
            2499, 20m, IsLicensed: true, IsActive: true),
        new("PT-ADMIN-SCRIPTS", "admin-scripts", "Prime Admin Scripts Pack",
            "A tested collection of PowerShell scripts for everyday Windows administration.",
            """
            ## Everyday jobs, scripted

            Over 40 documented PowerShell scripts for user accounts, shared folders, printers and updates,
            each tested on current versions of Windows.

            No licence key is needed: download the pack and use it on all your computers.
            """,
            999, 20m, IsLicensed: false, IsActive: true),
    ];

    public async Task<IReadOnlyList<string>> RunAsync(SeedArguments arguments, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var output = new List<string>();
        var now = clock.GetUtcNow();
        foreach (var demo in Products)
        {
            if (await session.Query<Product>().AnyAsync(p => p.Sku == demo.Sku || p.Slug == demo.Slug, ct))
            {
                output.Add($"product {demo.Sku}: exists");
                continue;
            }
            session.Insert(new Product
            {
                Id = Guid.NewGuid(),
                Sku = demo.Sku!,
                Slug = demo.Slug!,
                Name = demo.Name!,
                Summary = demo.Summary!,
                DescriptionMarkdown = demo.DescriptionMarkdown!,
                DescriptionHtml = ProductDescription.ToSafeHtml(demo.DescriptionMarkdown!),
                UnitPriceNetPence = demo.UnitPriceNetPence!.Value,
                VatRatePercent = demo.VatRatePercent!.Value,
                IsLicensed = demo.IsLicensed,
                IsActive = demo.IsActive,
                CreatedAt = now,
                UpdatedAt = now,
            });
            output.Add($"product {demo.Sku}: created");
        }
        await session.SaveChangesAsync(ct);
        return output;
    }
}
