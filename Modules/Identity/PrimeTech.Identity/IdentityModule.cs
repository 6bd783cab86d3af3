using Marten.Schema;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Identity.DataProtection;
using PrimeTech.Identity.Maintenance;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Seeding;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.TwoFactor;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity;

public static class IdentityModule
{
    public const string Schema = "identity";
    public const string DataProtectionApplicationName = "PrimeTech";

    public static IServiceCollection AddIdentityModule(this IServiceCollection services)
    {
        services.AddModuleStore<IIdentityStore>(Schema, options =>
        {
            options.Schema.For<User>()
                .UniqueIndex(UniqueIndexType.Computed, "ux_user_normalized_email", u => u.NormalizedEmail)
                .Index(u => u.CreatedAt, i => i.Name = "ix_user_created_at")
                .UseOptimisticConcurrency(true);
            options.Schema.For<UserSession>()
                .UniqueIndex(UniqueIndexType.Computed, "ux_user_session_token_hash", s => s.TokenHash)
                .Index(s => s.UserId, i => i.Name = "ix_user_session_user_id");
            options.Schema.For<EmailToken>()
                .Index(t => t.UserId, i => i.Name = "ix_email_token_user_id")
                .UseOptimisticConcurrency(true);
            options.Schema.For<PendingSignIn>()
                .UniqueIndex(UniqueIndexType.Computed, "ux_pending_sign_in_token_hash", p => p.TokenHash)
                .Index(p => p.ExpiresAt, i => i.Name = "ix_pending_sign_in_expires_at");
            options.Schema.For<SignInThrottle>().UseOptimisticConcurrency(true);
            options.Schema.For<DataProtectionKey>();
            options.Schema.For<ScheduledJob>();
        });

        services.AddOptions<SessionLifetimeOptions>().BindConfiguration(SessionLifetimeOptions.Section);
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordHashing.IterationCount;
        });
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<TwoFactorCodes>();
        services.AddScoped<ResetTwoFactor>();
        services.AddScoped<ISeedStep, SeedFirstAdmin>();
        services.AddHostedService<PurgeScheduleStarter>();

        AddAuthentication(services);
        AddWebProtection(services);
        return services;
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin).AddRequirements(new TwoFactorEnrolledRequirement()))
            .AddPolicy(Policies.VerifiedCustomer, p => p.RequireAuthenticatedUser().AddRequirements(new EmailVerifiedRequirement()));
        services.AddSingleton<IAuthorizationHandler, EmailVerifiedRequirement>();
        services.AddSingleton<IAuthorizationHandler, TwoFactorEnrolledRequirement>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessDeniedResultHandler>();

        // Account pages need a session; admin pages need the Admin role (API endpoints say so themselves).
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Account");
            o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        });

        services.Configure<RateLimiterOptions>(o => o
            .AddFixedWindowPerClientIp(AuthRateLimits.Auth, 10, TimeSpan.FromMinutes(1))
            .AddFixedWindowPerClientIp(AuthRateLimits.ResendVerification, 3, TimeSpan.FromMinutes(15))
            .AddFixedWindowPerClientIp(AuthRateLimits.Session, 120, TimeSpan.FromMinutes(1)));
    }

    /// <summary>Data Protection keys in PostgreSQL (shared by all instances) and the antiforgery cookie.</summary>
    private static void AddWebProtection(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new MartenXmlRepository(sp.GetRequiredService<IIdentityStore>(), sp.GetRequiredService<TimeProvider>())));

        // __Host- cookies must be Secure, and ASP.NET antiforgery refuses a Secure-only cookie on a
        // plain-HTTP request; so development and tests (served over http://127.0.0.1) use a
        // non-prefixed name that follows the request's scheme.
        services.AddOptions<AntiforgeryOptions>().Configure<IHostEnvironment>((o, env) =>
        {
            var plainHttpAllowed = env.IsDevelopment() || env.IsEnvironment("Test");
            o.Cookie.Name = plainHttpAllowed ? "pts-af" : "__Host-pts-af";
            o.Cookie.SecurePolicy = plainHttpAllowed ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.Path = "/";
        });
    }
}
