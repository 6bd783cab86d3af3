using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Configuration;

namespace PrimeTech.Host.Platform;

/// <summary><c>Network</c> configuration: the reverse proxies whose forwarded headers are believed.</summary>
public sealed class NetworkOptions : IValidatableObject
{
    public const string Section = "Network";

    /// <summary>IP addresses of the proxies in front of the app (e.g. the load balancer).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation (<c>10.0.0.0/8</c>) whose every address is a trusted proxy.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>No proxy and no network listed: forwarded headers are never applied.</summary>
    public bool TrustsNoProxy => KnownProxies.Length == 0 && KnownNetworks.Length == 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !IPAddress.TryParse(p?.Trim(), out _))
            .Select(p => new ValidationResult($"'{p}' is not an IP address.", [nameof(KnownProxies)]))
            .Concat(KnownNetworks.Where(n => !IPNetwork.TryParse(n?.Trim(), out _))
                .Select(n => new ValidationResult($"'{n}' is not a network in CIDR notation.", [nameof(KnownNetworks)])));
}

/// <summary>
/// The client's IP address behind reverse proxies (CODEX_HANDOFF §5.4): <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are applied only when the connection comes from an address listed in
/// <c>Network:KnownProxies</c> or inside <c>Network:KnownNetworks</c>, hop by hop from the nearest,
/// stopping at the first address that is not a trusted proxy. Nothing else is trusted (not even
/// loopback), so a client cannot choose the IP that rate limits and sessions see, nor the scheme.
/// </summary>
public static class ClientAddress
{
    public static void AddClientAddress(this IServiceCollection services)
    {
        services.AddValidatedOptions<NetworkOptions>(NetworkOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((o, network) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in network.Value.KnownProxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            foreach (var range in network.Value.KnownNetworks)
                o.KnownIPNetworks.Add(IPNetwork.Parse(range.Trim()));
            // The walk stops at the first address that is not a trusted proxy, however long the chain.
            o.ForwardLimit = null;
        });
    }

    /// <summary>
    /// First in the pipeline, before anything reads the client's address or the scheme. With both
    /// lists empty the middleware is left out: ASP.NET's would then believe every sender.
    /// </summary>
    public static void UseClientAddress(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<NetworkOptions>>().Value.TrustsNoProxy)
            return;
        app.UseForwardedHeaders();
    }
}
