using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PrimeTech.StripeStandIn;

/// <summary>Builds the stand-in, for its own executable and for tests that start it in-process.</summary>
public static class StandInServer
{
    public static WebApplication Build(string[] args, Action<StandInOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddEnvironmentVariables("STANDIN_");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.Configure<StandInOptions>(options =>
        {
            options.ApiKey = builder.Configuration["api-key"] ?? builder.Configuration["API_KEY"] ?? options.ApiKey;
            options.WebhookUrl = builder.Configuration["webhook-url"] ?? builder.Configuration["WEBHOOK_URL"] ?? options.WebhookUrl;
            options.WebhookSecret = builder.Configuration["webhook-secret"] ?? builder.Configuration["WEBHOOK_SECRET"] ?? options.WebhookSecret;
            options.CaCertificateFile = builder.Configuration["ca-cert"] ?? builder.Configuration["CA_CERT"] ?? options.CaCertificateFile;
            configure?.Invoke(options);
        });
        builder.Services.AddSingleton<StandInState>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<CheckoutActions>();
        builder.Services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<IOptions<StandInOptions>>().Value.CaCertificateFile is { } ca
                ? TrustedRoot.Handler(ca)
                : new SocketsHttpHandler());

        var app = builder.Build();
        app.MapStripeApi();
        app.MapHostedCheckoutPage();
        app.MapControlApi();
        app.MapGet("/", () => Results.Text("Stripe stand-in for Prime Tech Services (dev and tests only)."));
        return app;
    }

    /// <summary>Starts on a free loopback port and returns the app and its base URL.</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(Action<StandInOptions> configure)
    {
        var app = Build(["--urls", "http://127.0.0.1:0"], configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address.TrimEnd('/'));
    }
}
