using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Configuration;

namespace PrimeTech.Host.Platform;

/// <summary><c>Network</c> configuration: the reverse proxies whose forwarded headers are believed.</summary>
public sealed class NetworkOptions : IValidatableObject
{
    public const string Section = "Network";

    /// <summary>IP addresses of the proxies in front of the app (e.g. the load balancer). Empty: none, headers are ignored.</summary>
    public string[] KnownProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !IPAddress.TryParse(p?.Trim(), out _))
            .Select(p => new ValidationResult($"'{p}' is not an IP address.", [nameof(KnownProxies)]));
}

/// <summary>
/// The client's IP address behind reverse proxies (CODEX_HANDOFF §5.4): <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are applied only when the connection comes from an address listed in
/// <c>Network:KnownProxies</c>, hop by hop from the nearest, stopping at the first address that is
/// not a listed proxy. Nothing else is trusted (not even loopback), so a client cannot choose the IP
/// that rate limits and sessions see by sending the header itself.
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
                if (IPAddress.TryParse(proxy?.Trim(), out var address))
                    o.KnownProxies.Add(address);
            // One hop per listed proxy at most; the walk also stops at the first unlisted address.
            o.ForwardLimit = Math.Max(1, o.KnownProxies.Count);
        });
    }

    /// <summary>First in the pipeline, before anything reads the client's address or the scheme.</summary>
    public static void UseClientAddress(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
