using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrimeTech.BuildingBlocks.Validation;
using Weasel.Core;
using Wolverine;
using Wolverine.Marten;

namespace PrimeTech.BuildingBlocks.Persistence;

public static class ModuleStoreRegistration
{
    /// <summary>
    /// Registers a module's own Marten store in its own schema, on the shared data source, wired
    /// into Wolverine's transactional outbox. Handlers of the module's assembly use this store.
    /// Schema changes are applied only by the <c>migrate</c> command, never at request time.
    /// The store interface lives in the module's assembly, so it also marks that assembly: its
    /// handlers are discovered and its validators registered (<see cref="MessageValidation"/>).
    /// </summary>
    public static void AddModuleStore<TStore>(
        this IServiceCollection services,
        string schema,
        Action<StoreOptions> configure)
        where TStore : class, IDocumentStore =>
        services.AddModuleStore<TStore>(schema, (options, _) => configure(options));

    /// <summary>The same, for a store whose options need the app's services (a session listener's).</summary>
    public static void AddModuleStore<TStore>(
        this IServiceCollection services,
        string schema,
        Action<StoreOptions, IServiceProvider> configure)
        where TStore : class, IDocumentStore
    {
        services.AddMartenStore<TStore>(sp =>
            {
                var options = new StoreOptions();
                options.Connection(sp.GetRequiredService<NpgsqlDataSource>());
                options.DatabaseSchemaName = schema;
                options.AutoCreateSchemaObjects = AutoCreate.None;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                configure(options, sp);
                return options;
            })
            .IntegrateWithWolverine();

        services.AddSingleton(new ModuleStore(typeof(TStore), schema));
        services.AddMessageValidators(typeof(TStore).Assembly);
        services.ConfigureWolverine(opts =>
        {
            opts.Discovery.IncludeAssembly(typeof(TStore).Assembly);
            opts.Policies.UseAncillaryStorageFromAssemblyContaining<TStore>(typeof(TStore));
        });
    }
}

/// <summary>Lists each module's store so operator commands can reach all of them.</summary>
public sealed record ModuleStore(Type StoreType, string Schema);
