using Marten.Services;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>
/// The public catalogue (<c>GET /products</c>, <c>GET /api/products</c>) is served from the output
/// cache to anonymous callers (DECISIONS D-147). Whatever writes a product — an admin edit, the seed
/// command, on any instance — notifies <see cref="Channel"/> in the same transaction, so PostgreSQL
/// delivers it only if the change commits; every instance listens
/// (<see cref="CatalogueChangeListener"/>) and drops its cached catalogue.
/// </summary>
public static class CatalogueCache
{
    public const string PolicyName = "catalogue";
    public const string Tag = "catalogue";
    public const string Channel = "primetech_catalogue";

    /// <summary>
    /// A backstop only: an entry outlives a missed notification (a listener reconnecting) by at most this.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddCatalogueCache(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(PolicyName, policy => policy
            // The default rules stay: GET and HEAD, anonymous callers, 200s without cookies.
            .Tag(Tag)
            .Expire(Lifetime)
            // One entry per page: a query string or Host header of the caller's choosing must not
            // fill the cache, so such requests are answered fresh.
            .With(context => !context.HttpContext.Request.QueryString.HasValue)
            .SetVaryByHost(false)));
        services.AddHostedService<CatalogueChangeListener>();
        return services;
    }

    /// <summary>
    /// Adds the notification to the transaction of any session that writes or deletes a product, and
    /// evicts this instance's entries as soon as it commits, so whoever made the change reads it back
    /// at once; the other instances follow on the notification.
    /// </summary>
    internal static void NotifyCatalogueChanges(this StoreOptions options, IServiceProvider services) =>
        options.Listeners.Add(new ProductChangeNotifier(services.GetRequiredService<IOutputCacheStore>()));

    private sealed class ProductChangeNotifier(IOutputCacheStore cache) : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            var pending = session.PendingChanges;
            if (pending.AllChangedFor<Product>().Any() || pending.DeletionsFor<Product>().Any())
                session.QueueSqlCommand($"select pg_notify('{Channel}', '')");
            return Task.CompletedTask;
        }

        public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (commit.Inserted.Concat(commit.Updated).OfType<Product>().Any() || commit.Deleted.Any(d => d.DocumentType == typeof(Product)))
                await cache.EvictByTagAsync(Tag, token);
        }
    }
}
