using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Minio;
using PrimeTech.BuildingBlocks.Configuration;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Storage.Documents;
using PrimeTech.Storage.ObjectStorage;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Storage;

public static class StorageModule
{
    public const string Schema = "storage";

    public static IServiceCollection AddStorageModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<S3Options>(S3Options.Section);
        services.AddValidatedOptions<DownloadOptions>(DownloadOptions.Section);
        services.AddSingleton<IMinioClient>(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3Options>>().Value;
            return Client(s3.Endpoint, s3.UseSsl, s3);
        });
        services.AddSingleton(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3Options>>().Value;
            var endpoint = string.IsNullOrWhiteSpace(s3.PublicEndpoint) ? s3.Endpoint : s3.PublicEndpoint;
            return new PresigningClient(Client(endpoint, s3.PublicUseSsl ?? s3.UseSsl, s3));
        });
        services.AddHttpClient(ObjectStore.ReaderClient);
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<IStoredObjectReader>(sp => sp.GetRequiredService<ObjectStore>());
        services.AddSingleton<IGeneratedDocumentStorage, GeneratedDocumentStorage>();
        services.AddScoped<IMigrationStep, EnsureBucket>();
        services.AddHealthChecks().AddCheck<S3HealthCheck>("s3", tags: ["ready"]);
        services.Configure<RateLimiterOptions>(o => o.AddDownloadsPolicy());
        services.AddValidatedOptions<ReleaseOptions>(ReleaseOptions.Section);
        services.AddSingleton<ReleaseFiles>();
        services.AddScoped<ISeedStep, DemoReleases>();

        services.AddModuleStore<IStorageStore>(Schema, options =>
        {
            options.Schema.For<StoredObject>()
                .UniqueIndex(Marten.Schema.UniqueIndexType.Computed, "ux_stored_object_bucket_key", x => x.Bucket, x => x.ObjectKey);
            options.Schema.For<DownloadAudit>()
                .Index([x => x.UserId, x => x.RequestedAt], i => i.Name = "ix_download_audit_user_requested")
                .Index(x => x.ObjectId, i => i.Name = "ix_download_audit_object");
            options.Schema.For<Release>()
                .UseOptimisticConcurrency(true)
                .UniqueIndex(Marten.Schema.UniqueIndexType.Computed, "ux_release_product_version", x => x.ProductId, x => x.Version)
                .Index([x => x.ProductId, x => x.Status], i => i.Name = "ix_release_product_status");
        });
        return services;
    }

    private static IMinioClient Client(string endpoint, bool useSsl, S3Options s3) =>
        new MinioClient()
            .WithEndpoint(endpoint)
            .WithCredentials(s3.AccessKey, s3.SecretKey)
            .WithRegion(s3.Region)
            .WithSSL(useSsl)
            .Build();
}
