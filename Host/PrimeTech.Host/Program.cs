using PrimeTech.Host;
using PrimeTech.Host.Cli;
using PrimeTech.Host.Platform;

var builder = WebApplication.CreateBuilder(args);

builder.AddPrimeTech();

if (OperatorCommands.IsCommand(args))
    OperatorCommands.ConfigureFor(builder, args);

var app = builder.Build();

if (OperatorCommands.IsCommand(args))
    return await OperatorCommands.RunAsync(app, args);

app.UsePlatform();
return await OperatorCommands.ServeAsync(app);
