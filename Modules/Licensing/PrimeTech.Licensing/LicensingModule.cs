using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Licensing;

public static class LicensingModule
{
    public const string Schema = "licensing";

    public static IServiceCollection AddLicensingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<ILicensingStore>(Schema, options =>
        {
        });
        return services;
    }
}
