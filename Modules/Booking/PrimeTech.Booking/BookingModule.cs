using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Booking;

public static class BookingModule
{
    public const string Schema = "booking";

    public static IServiceCollection AddBookingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IBookingStore>(Schema, options =>
        {
        });
        return services;
    }
}
