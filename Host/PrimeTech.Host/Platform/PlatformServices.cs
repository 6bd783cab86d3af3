using System.Text.Encodings.Web;
using System.Text.Unicode;
using Carter;
using Microsoft.Extensions.WebEncoders;
using JasperFx;
using JasperFx.CodeGeneration;
using Npgsql;
using PrimeTech.BuildingBlocks.Configuration;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;
using Wolverine.Postgresql;

using PrimeTech.Web.Pages;

namespace PrimeTech.Host.Platform;

public static class PlatformServices
{
    public const string WolverineSchema = "wolverine";

    /// <summary>What every module relies on: configuration, the database, messaging, the web stack.</summary>
    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Configuration key 'ConnectionStrings:Postgres' is required.");

        services.AddSingleton(TimeProvider.System);
        services.AddValidatedOptions<SiteOptions>(SiteOptions.Section);
        services.AddValidatedOptions<SmtpOptions>(SmtpOptions.Section);
        // The modules' stores take every advisory lock transaction-scoped and set no session state,
        // so a pooled connection needs no DISCARD ALL (one round trip per query) when it is returned.
        // Wolverine's own storage keeps the configured string: its node locks are session-scoped.
        var moduleConnections = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(moduleConnections).Build());
        services.AddSingleton<EmailDeliveryLog>();
        services.AddScoped<IMigrationStep, EmailDeliveryLog.Migration>();
        services.AddClientAddress();

        builder.Host.UseWolverine(opts =>
        {
            opts.PersistMessagesWithPostgresql(connectionString, WolverineSchema);
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
            opts.Policies.AutoApplyTransactions();
            // An event handled by several modules (PaymentConfirmed: Ordering and Licensing) runs each
            // module's handler on its own, in its own store's transaction, retried on its own.
            opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
            opts.Discovery.IncludeAssembly(typeof(SendEmailHandler).Assembly);
            opts.Policies.Add<MessageValidationPolicy>();
            opts.RetryWriteConflicts();
            opts.AddTransientRetries();
#if PREGENERATED_HANDLERS
            // The Release build carries the code `codegen write` generated and no compiler: a handler
            // whose code is missing stops the start-up instead of failing its first message.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
#else
            opts.UseRuntimeCompilation();
#if GENERATED_HANDLERS_IN_DEBUG
            // The Test target's build, made right after `codegen write`: the handlers load from that
            // code, and one it lacks (none should) is compiled here and not written anywhere.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Auto;
            opts.CodeGeneration.SourceCodeWritingEnabled = false;
#else
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
#endif
#endif
        });

        // Razor would otherwise escape every non-ASCII character (£, —) as an entity.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimiting.OnRejectedAsync;
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new UtcInstantJsonConverter());
            o.SerializerOptions.Converters.Add(new TextJsonConverter());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddCarter();
        // One page creates (no id) and edits a service: FRONTEND_HANDOFF §2 names both addresses.
        services.AddRazorPages(o => o.Conventions.AddPageRoute("/Admin/Services/Edit", "admin/services/new"))
            .AddMvcOptions(o =>
            {
                o.Filters.Add(new PageErrorFilter());
                o.ModelBinderProviders.Insert(0, new CheckboxBinder());
            });
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        services.AddOpenApi();
    }
}
