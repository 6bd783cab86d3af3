using System.Security.Cryptography;
using Minio;
using Minio.DataModel.Args;
using PrimeTech.Storage.ObjectStorage;

namespace PrimeTech.Storage.Releases;

/// <summary>
/// Release files in S3: streamed in under a fresh opaque key (<c>releases/{random guid}</c>) while
/// their size and SHA-256 are counted, never buffered whole in memory or on disk.
/// </summary>
public sealed class ReleaseFiles(IMinioClient s3, IOptions<S3Options> options)
{
    public string Bucket => options.Value.Bucket;

    public static string NewObjectKey() => $"releases/{Guid.NewGuid():N}";

    /// <summary>
    /// Streams <paramref name="content"/> to S3 (multipart when large; the length is not known in
    /// advance). More than <paramref name="maxBytes"/> stops the upload with
    /// <see cref="ReleaseFileTooLargeException"/> and removes whatever was stored.
    /// </summary>
    public async Task<StoredBytes> PutAsync(string objectKey, Stream content, string contentType, long maxBytes, CancellationToken ct)
    {
        await using var counted = new CountingHashStream(content, maxBytes);
        try
        {
            await s3.PutObjectAsync(new PutObjectArgs()
                .WithBucket(Bucket)
                .WithObject(objectKey)
                .WithStreamData(counted)
                .WithObjectSize(-1)
                .WithContentType(contentType), ct);
        }
        catch (Exception)
        {
            await RemoveAsync(objectKey, CancellationToken.None);
            if (counted.LimitExceeded) throw new ReleaseFileTooLargeException(maxBytes);
            throw;
        }
        return new StoredBytes(counted.BytesRead, counted.Sha256Hex());
    }

    /// <summary>Removes the object and any unfinished multipart upload of it. Missing objects are fine.</summary>
    public async Task RemoveAsync(string objectKey, CancellationToken ct)
    {
        try
        {
            await s3.RemoveIncompleteUploadAsync(new RemoveIncompleteUploadArgs().WithBucket(Bucket).WithObject(objectKey), ct);
        }
        catch (Minio.Exceptions.MinioException)
        {
            // Nothing unfinished to remove (or the server does not list uploads): the object removal below still runs.
        }
        await s3.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(Bucket).WithObject(objectKey), ct);
    }

    /// <summary>Passes bytes through while counting them and hashing them; refuses to pass the limit.</summary>
    private sealed class CountingHashStream(Stream inner, long maxBytes) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long BytesRead { get; private set; }
        public bool LimitExceeded { get; private set; }

        public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await inner.ReadAsync(buffer, ct);
            return Count(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(ReadOnlySpan<byte> read)
        {
            BytesRead += read.Length;
            if (BytesRead > maxBytes)
            {
                LimitExceeded = true;
                throw new ReleaseFileTooLargeException(maxBytes);
            }
            _hash.AppendData(read);
            return read.Length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}

public sealed class ReleaseFileTooLargeException(long maxBytes)
    : Exception($"The file is larger than the limit of {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
