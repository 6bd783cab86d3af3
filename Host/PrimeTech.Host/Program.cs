using PrimeTech.Audit;
using PrimeTech.Billing;
using PrimeTech.Booking;
using PrimeTech.Host.Cli;
using PrimeTech.Host.Platform;
using PrimeTech.Identity;
using PrimeTech.Licensing;
using PrimeTech.Ordering;
using PrimeTech.Storage;

var builder = WebApplication.CreateBuilder(args);

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

if (OperatorCommands.IsCommand(args))
    OperatorCommands.ConfigureFor(builder, args);

var app = builder.Build();

if (OperatorCommands.IsCommand(args))
    return await OperatorCommands.RunAsync(app, args);

app.UsePlatform();
return await OperatorCommands.ServeAsync(app);
