using Minio;
using Minio.DataModel.Args;
using PrimeTech.BuildingBlocks.Operations;

namespace PrimeTech.Storage.ObjectStorage;

/// <summary>Creates the private bucket on <c>migrate</c> if it does not exist.</summary>
public sealed class EnsureBucket(IMinioClient s3, IOptions<S3Options> options) : IMigrationStep
{
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var bucket = options.Value.Bucket;
        if (await s3.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), ct))
            return $"S3 bucket '{bucket}' already exists.";
        await s3.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket).WithLocation(options.Value.Region), ct);
        return $"S3 bucket '{bucket}' created.";
    }
}
