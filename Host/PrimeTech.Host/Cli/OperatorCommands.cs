using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.BuildingBlocks.Persistence;
using Wolverine;
using JasperFx;
using JasperFx.Resources;

namespace PrimeTech.Host.Cli;

/// <summary>
/// The operator's commands of the one executable: <c>migrate</c>, <c>seed</c>, <c>keys generate</c> and
/// <c>two-factor reset --email E</c> (an account whose authenticator app is lost). Anything else
/// starts the site. Exit codes: 0 done, 1 failed (message on stderr), 2 usage.
/// </summary>
public static class OperatorCommands
{
    private const string Usage =
        "Usage: PrimeTech.Host [migrate | seed [--admin-email E --admin-password P --admin-name N] [--demo-releases] | keys generate | two-factor reset --email E | codegen write | help]\n" +
        "With no command it serves the site.";

    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>
    /// <c>seed</c> may publish demo releases, which asks other modules through messages (Ordering's
    /// products): Wolverine then runs in-process only (no node, no inbox/outbox agents), so a seed
    /// run never picks up the site's queued work.
    /// </summary>
    public static void ConfigureFor(WebApplicationBuilder builder, string[] args)
    {
        if (args is ["seed", ..])
            builder.Services.ConfigureWolverine(o => o.Durability.Mode = DurabilityMode.MediatorOnly);
    }

    /// <summary>Serves the site; configuration it refuses is reported key by key (exit code 1), without a stack trace.</summary>
    public static async Task<int> ServeAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (RefusedConfiguration(e) is { Count: > 0 } failures)
        {
            foreach (var failure in failures)
                await Console.Error.WriteLineAsync(failure);
            await Console.Error.WriteLineAsync("The site did not start: fix the configuration keys above.");
            return 1;
        }
    }

    /// <summary>The start-up validation's messages (one options type failing, or several at once), else none.</summary>
    private static List<string> RefusedConfiguration(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException all when all.InnerExceptions.All(i => i is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures)],
        _ => [],
    };

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await MigrateAsync(app, Console.Out, cts.Token);
                    return 0;
                case "seed":
                    var arguments = SeedArgumentsFrom(app.Configuration, args[1..]);
                    if (arguments.DemoReleases)
                        await ((IHostedService)app.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>()).StartAsync(cts.Token);
                    await SeedAsync(app.Services, arguments, Console.Out, cts.Token);
                    return 0;
                case "keys" when args is [_, "generate"]:
                    await Console.Out.WriteLineAsync(SigningKeyCommand.Generate(app.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
                    return 0;
                case "two-factor" when args is [_, "reset", ..]:
                    await using (var scope = app.Services.CreateAsyncScope())
                        await Console.Out.WriteLineAsync(await scope.ServiceProvider.GetRequiredService<PrimeTech.Identity.TwoFactor.ResetTwoFactor>()
                            .RunAsync(OptionValue(args, "--email"), cts.Token));
                    return 0;
                case "help":
                    await Console.Out.WriteLineAsync(Usage);
                    return 0;
                default:
                    // Wolverine and Marten's own commands (codegen write, resources, describe).
                    return await app.RunJasperFxCommands(args);
            }
        }
        catch (SeedArgumentMissingException e)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {e.Message}");
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"The database is unreachable: {e.Message}. Check ConnectionStrings:Postgres and that PostgreSQL is running.");
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"{args[0]} failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Applies every module's schema, Wolverine's tables, then each module's migration steps. Idempotent.</summary>
    public static async Task MigrateAsync(IHost host, TextWriter output, CancellationToken ct)
    {
        var services = host.Services;
        foreach (var store in ModuleStores(services))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await output.WriteLineAsync($"Schema '{store.Options.DatabaseSchemaName}' is up to date.");
        }

        // Every module store keeps Wolverine's inbox/outbox tables in its own schema, beside the
        // shared node tables in 'wolverine': setting up the resources builds all of them.
        await host.SetupResources(ct);
        await output.WriteLineAsync("Wolverine message storage is up to date.");

        await using var scope = services.CreateAsyncScope();
        foreach (var step in scope.ServiceProvider.GetServices<IMigrationStep>())
            await output.WriteLineAsync(await step.RunAsync(ct));
    }

    public static async Task SeedAsync(IServiceProvider services, SeedArguments arguments, TextWriter output, CancellationToken ct)
    {
        // Steps are scoped: they may take scoped services such as IMessageBus.
        await using var scope = services.CreateAsyncScope();
        foreach (var step in scope.ServiceProvider.GetServices<ISeedStep>().OrderBy(s => s.Order))
            foreach (var line in await step.RunAsync(arguments, ct))
                await output.WriteLineAsync(line);
    }

    private static IEnumerable<IDocumentStore> ModuleStores(IServiceProvider services) =>
        services.GetServices<ModuleStore>().Select(m => (IDocumentStore)services.GetRequiredService(m.StoreType));

    private static string? OptionValue(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static SeedArguments SeedArgumentsFrom(IConfiguration configuration, string[] args)
    {
        return new SeedArguments(
            AdminEmail: OptionValue(args, "--admin-email") ?? configuration["Seed:AdminEmail"],
            AdminPassword: OptionValue(args, "--admin-password") ?? configuration["Seed:AdminPassword"],
            AdminName: OptionValue(args, "--admin-name") ?? configuration["Seed:AdminName"] ?? "Administrator",
            DemoReleases: args.Contains("--demo-releases") || configuration.GetValue<bool>("Seed:DemoReleases"));
    }
}
