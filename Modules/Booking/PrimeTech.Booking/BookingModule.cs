using Marten;
using Marten.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Booking.Availability;
using PrimeTech.Booking.Services;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Booking;

public static class BookingModule
{
    public const string Schema = "booking";

    public static IServiceCollection AddBookingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IBookingStore>(Schema, options =>
        {
            options.Schema.For<BookableService>()
                .UniqueIndex(UniqueIndexType.Computed, s => s.Slug);
            options.Schema.For<Bookings.ServiceBooking>()
                .UniqueIndex(UniqueIndexType.Computed, b => b.Reference)
                .Index(b => b.Email)
                .Index(b => b.UserId)
                .Index(b => b.SlotStartUtc);
            options.AddSlotClaimsTable();
        });
        services.AddSingleton<ISeedStep, DemoServicesSeed>();
        return services;
    }
}
