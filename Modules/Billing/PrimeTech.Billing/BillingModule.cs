using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Billing;

public static class BillingModule
{
    public const string Schema = "billing";

    public static IServiceCollection AddBillingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IBillingStore>(Schema, options =>
        {
        });
        return services;
    }
}
