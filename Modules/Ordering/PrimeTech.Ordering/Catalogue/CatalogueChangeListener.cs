using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PrimeTech.Ordering.Catalogue;

/// <summary>
/// Listens on <see cref="CatalogueCache.Channel"/> over a connection of its own, for the life of the
/// instance, and evicts the cached catalogue on each notification. Notifications sent while it was
/// disconnected are lost, so it also evicts every time it (re)connects; it retries every few seconds.
/// </summary>
internal sealed class CatalogueChangeListener(IConfiguration configuration, IOutputCacheStore cache, ILogger<CatalogueChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not pooled: LISTEN is session state, and this connection is never handed to anyone else.
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres"))
        {
            Pooling = false,
            KeepAlive = 15,
        }.ConnectionString;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"listen {CatalogueCache.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (true)
                {
                    // Whatever was cached may predate a change sent while nobody listened.
                    await cache.EvictByTagAsync(CatalogueCache.Tag, stoppingToken);
                    // Returns once a notification (or any other message from the server) has arrived.
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Listening for catalogue changes failed; trying again in {Seconds} s", RetryAfter.TotalSeconds);
                try
                {
                    await Task.Delay(RetryAfter, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
