using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Minio;
using PrimeTech.BuildingBlocks.Configuration;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Storage.ObjectStorage;

namespace PrimeTech.Storage;

public static class StorageModule
{
    public const string Schema = "storage";

    public static IServiceCollection AddStorageModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<S3Options>(S3Options.Section);
        services.AddSingleton<IMinioClient>(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3Options>>().Value;
            return new MinioClient()
                .WithEndpoint(s3.Endpoint)
                .WithCredentials(s3.AccessKey, s3.SecretKey)
                .WithRegion(s3.Region)
                .WithSSL(s3.UseSsl)
                .Build();
        });
        services.AddSingleton<IMigrationStep, EnsureBucket>();
        services.AddHealthChecks().AddCheck<S3HealthCheck>("s3", tags: ["ready"]);

        services.AddModuleStore<IStorageStore>(Schema, options =>
        {
        });
        return services;
    }
}
