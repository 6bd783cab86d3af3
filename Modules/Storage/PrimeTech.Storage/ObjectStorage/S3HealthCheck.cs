using Microsoft.Extensions.Diagnostics.HealthChecks;
using Minio;
using Minio.DataModel.Args;

namespace PrimeTech.Storage.ObjectStorage;

public sealed class S3HealthCheck(IMinioClient s3, IOptions<S3Options> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var exists = await s3.BucketExistsAsync(new BucketExistsArgs().WithBucket(options.Value.Bucket), ct);
            return exists ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The bucket does not exist; run migrate.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("S3 is not reachable.", e);
        }
    }
}
