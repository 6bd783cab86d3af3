using PrimeTech.Audit;
using PrimeTech.Billing;
using PrimeTech.Booking;
using PrimeTech.Host.Platform;
using PrimeTech.Identity;
using PrimeTech.Licensing;
using PrimeTech.Ordering;
using PrimeTech.Storage;

namespace PrimeTech.Host;

/// <summary>
/// Every service of the one executable. <c>Program</c> composes itself with it; the test suite builds
/// an app with it to run <c>migrate</c> and <c>seed</c> (<see cref="Cli.OperatorCommands"/>) in-process.
/// </summary>
public static class Composition
{
    public static WebApplicationBuilder AddPrimeTech(this WebApplicationBuilder builder)
    {
        builder.AddPlatform();
        builder.Services
            .AddIdentityModule()
            .AddOrderingModule()
            .AddBillingModule()
            .AddLicensingModule()
            .AddStorageModule()
            .AddBookingModule()
            .AddAuditModule();
        builder.RefuseDevelopmentValues();
        return builder;
    }
}
