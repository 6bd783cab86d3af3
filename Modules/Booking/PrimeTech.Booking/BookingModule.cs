using Marten.Schema;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Booking.Availability;
using PrimeTech.Booking.Services;
using PrimeTech.BuildingBlocks.Configuration;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Booking;

public static class BookingModule
{
    public const string Schema = "booking";

    public static IServiceCollection AddBookingModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<BookingOptions>(BookingOptions.Section)
            .PostConfigure<IConfiguration>((options, config) =>
                options.OrganiserEmail ??= config["Seller:Email"] ?? config["Smtp:From"]);

        services.AddModuleStore<IBookingStore>(Schema, options =>
        {
            options.Schema.For<BookableService>()
                .UniqueIndex(UniqueIndexType.Computed, "ux_bookable_service_slug", s => s.Slug);
            // Versioned: of two changes of one booking at once the second is refused and run again (D-143).
            options.Schema.For<ServiceBooking>()
                .UseOptimisticConcurrency(true)
                .UniqueIndex(UniqueIndexType.Computed, "ux_booking_reference", b => b.Reference)
                .Index(b => b.UserId, i => i.Name = "ix_booking_user")
                .Index(b => b.StartUtc, i => i.Name = "ix_booking_start")
                .Index(b => b.NormalizedContactEmail, i => i.Name = "ix_booking_contact_email");
            options.Schema.For<BookingTrackingLink>();
            options.AddSlotClaimsTable();
            options.AddTrackingThrottleTable();
        });
        services.AddScoped<ISeedStep, DemoServicesSeed>();
        services.Configure<RateLimiterOptions>(o => o
            .AddFixedWindowPerClientIp(BookingRateLimits.Create, 20, TimeSpan.FromMinutes(10))
            .AddFixedWindowPerClientIp(BookingRateLimits.Track, 10, TimeSpan.FromMinutes(1)));
        return services;
    }
}
