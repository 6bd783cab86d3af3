using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Ordering;

public static class OrderingModule
{
    public const string Schema = "ordering";

    public static IServiceCollection AddOrderingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IOrderingStore>(Schema, options =>
        {
        });
        return services;
    }
}
