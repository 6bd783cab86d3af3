using Marten.Schema;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Licensing.Entitlements;
using PrimeTech.Licensing.LicenceApi;
using PrimeTech.Licensing.Signing;

namespace PrimeTech.Licensing;

public static class LicensingModule
{
    public const string Schema = "licensing";

    public static IServiceCollection AddLicensingModule(this IServiceCollection services)
    {
        services.AddModuleStore<ILicensingStore>(Schema, options =>
        {
            options.Schema.For<OrderGrant>()
                .UseOptimisticConcurrency(true);
            options.Schema.For<Entitlement>()
                .UniqueIndex(UniqueIndexType.Computed, "ux_entitlement_order_product", x => x.OrderId, x => x.ProductId)
                .Index([x => x.UserId, x => x.Status], i => i.Name = "ix_entitlement_user_status");
            options.Schema.For<Licence>()
                .UseOptimisticConcurrency(true)
                .UniqueIndex(UniqueIndexType.Computed, "ux_licence_key", x => x.Key)
                .Index(x => x.UserId, i => i.Name = "ix_licence_user_id")
                .Index(x => x.OrderNumber, i => i.Name = "ix_licence_order_number")
                .Index(x => x.UserEmail, i => i.Name = "ix_licence_user_email")
                .Index(x => x.Status, i => i.Name = "ix_licence_status");
        });

        services.AddOptions<LicensingOptions>().BindConfiguration(LicensingOptions.Section)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                // Development signs with a key of its own, made at start; every other environment names its keys.
                if (environment.IsDevelopment() && options.SigningKeys.Count == 0)
                    options.SigningKeys.Add(new SigningKeyOptions { Id = "development", PrivateKey = LicenceSigningKeys.GeneratePrivateKey() });
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LicensingOptions>, SigningKeysValidator>();
        services.AddSingleton<LicenceSigningKeys>();
        services.AddSingleton<LicenceKeySource>();
        services.AddSingleton<LicenceRateLimits>();
        services.Configure<RateLimiterOptions>(o => o.AddFixedWindowPerClientIp(
            LicenceRateLimits.PerIp, LicenceRateLimits.PerIpDefault.PermitLimit, LicenceRateLimits.PerIpDefault.Window));
        return services;
    }

    /// <summary>Names each configuration key that is wrong, so the host refuses to start with a message an operator can act on.</summary>
    private sealed class SigningKeysValidator : IValidateOptions<LicensingOptions>
    {
        public ValidateOptionsResult Validate(string? name, LicensingOptions options)
        {
            var problems = LicenceSigningKeys.Problems(options.SigningKeys).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
