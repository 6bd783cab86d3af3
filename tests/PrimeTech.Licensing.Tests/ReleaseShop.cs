using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Billing.Contracts;
using PrimeTech.Storage;
using PrimeTech.Storage.Documents;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Licensing.Tests;

/// <summary>
/// Products (through Ordering's admin API), releases (through the upload API, as the admin page
/// sends them) and customers entitled to them (a made-up PaymentConfirmed), plus plain HTTP to S3.
/// </summary>
public sealed class ReleaseShop(AppFixture app)
{
    public static readonly HttpClient S3 = new() { Timeout = TimeSpan.FromSeconds(60) };

    public sealed record Product(Guid Id, string Sku, string Slug, string Name, bool IsLicensed);

    public async Task<Product> CreateProductAsync(TestUser admin, bool licensed = true, string? name = null)
    {
        var sku = "R-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var client = app.ClientFor(admin);
        using var response = await client.PostAsJsonAsync("/api/admin/products", new
        {
            sku, slug = sku.ToLowerInvariant(), name = name ?? $"Release product {sku}", summary = "A product with releases.",
            descriptionMarkdown = "", unitPriceNetPence = 1999, vatRatePercent = 20m, isLicensed = licensed, isActive = true,
        });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating a product failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Product>())!;
    }

    public static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Posts the multipart upload (version, notes, file — in that order) and returns the raw answer.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(TestUser admin, Guid productId, string? version, string? notes,
        byte[]? file, string fileName = "setup.zip", string contentType = "application/zip")
    {
        using var form = new MultipartFormDataContent();
        if (version is not null) form.Add(new StringContent(version), "version");
        if (notes is not null) form.Add(new StringContent(notes), "notes");
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            form.Add(content, "file", fileName);
        }
        using var client = app.ClientFor(admin);
        using var response = await client.PostAsync($"/api/admin/products/{productId}/releases", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<AdminRelease> UploadOkAsync(TestUser admin, Guid productId, string version, byte[] file, string fileName = "setup.zip",
        string notes = "Fixes.\nFaster.")
    {
        var (status, body) = await UploadAsync(admin, productId, version, notes, file, fileName);
        if (status != HttpStatusCode.Created) throw new InvalidOperationException($"Upload failed: {status} {body}");
        return body.Deserialize<AdminRelease>(JsonSerializerOptions.Web)!;
    }

    public async Task<AdminRelease> PublishAsync(TestUser admin, Guid releaseId)
    {
        using var client = app.ClientFor(admin);
        using var response = await client.PostAsync($"/api/admin/releases/{releaseId}/publish", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AdminRelease>())!;
    }

    /// <summary>A published release of a fresh product, its bytes, and a customer entitled to the product.</summary>
    public async Task<(Product Product, AdminRelease Release, byte[] Bytes, TestUser Customer, PaymentConfirmed Paid)> EntitledReleaseAsync(
        TestUser admin, int size = 64 * 1024, string version = "1.2.3", string fileName = "Setup.ZIP")
    {
        var product = await CreateProductAsync(admin);
        var bytes = RandomBytes(size);
        var release = await PublishAsync(admin, (await UploadOkAsync(admin, product.Id, version, bytes, fileName)).ReleaseId);
        var customer = await app.CreateCustomerAsync();
        var paid = await EntitleAsync(customer, product);
        return (product, release, bytes, customer, paid);
    }

    public async Task<PaymentConfirmed> EntitleAsync(TestUser customer, Product product)
    {
        var paid = Purchases.Paid(customer.Id, customer.Email, new PaidLine(product.Id, product.Sku, product.Name, product.IsLicensed, 1));
        await new Purchases(app).PublishAsync(paid);
        return paid;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> MintAsync(TestUser user, Guid releaseId, string userAgent = "ReleaseTests/1.0")
    {
        using var client = app.ClientFor(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/downloads/{releaseId}/link");
        request.Headers.UserAgent.ParseAdd(userAgent);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<string> MintUrlAsync(TestUser user, Guid releaseId)
    {
        var (status, body) = await MintAsync(user, releaseId);
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"Minting failed: {status} {body}");
        return body.GetProperty("url").GetString()!;
    }

    public async Task<IReadOnlyList<DownloadAudit>> AuditsAsync(Guid releaseId)
    {
        await using var session = app.Host.Services.GetRequiredService<IStorageStore>().QuerySession();
        return await session.Query<DownloadAudit>().Where(a => a.ReleaseId == releaseId).ToListAsync();
    }

    public async Task<StoredObject> StoredObjectOfAsync(Guid releaseId)
    {
        await using var session = app.Host.Services.GetRequiredService<IStorageStore>().QuerySession();
        var release = await session.LoadAsync<Release>(releaseId) ?? throw new InvalidOperationException("No such release.");
        return (await session.LoadAsync<StoredObject>(release.ObjectId))!;
    }
}
