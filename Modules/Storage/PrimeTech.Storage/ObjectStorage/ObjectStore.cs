using System.Security.Cryptography;
using System.Text;
using Minio;
using Minio.DataModel.Args;
using PrimeTech.BuildingBlocks.Email;

namespace PrimeTech.Storage.ObjectStorage;

/// <summary>
/// The module's only door to S3: puts objects (recording size and SHA-256), reads them back (the
/// documents emails carry) and presigns GET URLs. Presigning is offline, with a client configured
/// for the endpoint browsers reach.
/// </summary>
public sealed class ObjectStore(IMinioClient s3, PresigningClient presigner, IHttpClientFactory http, IOptions<S3Options> options)
    : IStoredObjectReader
{
    /// <summary>The named HTTP client that reads objects back by a URL signed for the internal endpoint.</summary>
    public const string ReaderClient = "s3-reader";

    public string Bucket => options.Value.Bucket;

    public async Task<StoredBytes> PutAsync(string objectKey, byte[] content, string contentType, CancellationToken ct)
    {
        using var stream = new MemoryStream(content, writable: false);
        await s3.PutObjectAsync(new PutObjectArgs()
            .WithBucket(Bucket)
            .WithObject(objectKey)
            .WithStreamData(stream)
            .WithObjectSize(content.LongLength)
            .WithContentType(contentType), ct);
        return new StoredBytes(content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    /// <summary>
    /// One signed GET. The Minio client's own GetObjectAsync asks for the object's metadata first, a
    /// second request for every document an email attaches. A missing object is not retried.
    /// </summary>
    public async Task<byte[]> ReadAsync(StoredObjectReference stored, CancellationToken ct)
    {
        var url = await s3.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(stored.Bucket)
            .WithObject(stored.ObjectKey)
            .WithExpiry(60));
        using var response = await http.CreateClient(ReaderClient).GetAsync(url, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            throw new InvalidOperationException($"The stored object {stored.Bucket}/{stored.ObjectKey} does not exist.");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    /// <summary>A GET URL for <paramref name="lifetime"/> that makes the browser save the object as <paramref name="fileName"/>.</summary>
    public Task<string> PresignGetAsync(string bucket, string objectKey, string fileName, string contentType, TimeSpan lifetime) =>
        presigner.Client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(bucket)
            .WithObject(objectKey)
            .WithExpiry((int)Math.Ceiling(lifetime.TotalSeconds))
            .WithHeaders(new Dictionary<string, string>
            {
                ["response-content-disposition"] = ContentDisposition(fileName),
                ["response-content-type"] = contentType,
            }));

    /// <summary><c>attachment; filename="INV-2026-000001.pdf"; filename*=UTF-8''INV-2026-000001.pdf</c></summary>
    public static string ContentDisposition(string fileName)
    {
        var ascii = new StringBuilder();
        foreach (var c in fileName)
            ascii.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_');
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}

public sealed record StoredBytes(long SizeBytes, string Sha256);

/// <summary>A Minio client pointed at <c>S3:PublicEndpoint</c>, used only to sign URLs (no requests are sent).</summary>
public sealed class PresigningClient(IMinioClient client)
{
    public IMinioClient Client { get; } = client;
}
