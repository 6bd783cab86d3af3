using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PrimeTech.Testing;

/// <summary>
/// Configuration a test changes while the app runs, on top of every other source of each host of a
/// fixture (one provider shared by them): <see cref="Apply"/> sets keys until the returned handle is
/// disposed, and signals a reload each time. It reaches what reads configuration per request (the
/// rate-limit policies), <see cref="Microsoft.Extensions.Options.IOptionsMonitor{TOptions}"/>, and an
/// <see cref="IOptions{TOptions}"/> a fixture made live with <see cref="LiveOptions.AddLiveOptions{TOptions}"/>.
/// Tests of one collection run one at a time, so an override never leaks into a test running beside it.
/// </summary>
public sealed class SettingOverrides : ConfigurationProvider, IConfigurationSource
{
    private readonly Lock _gate = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public IDisposable Apply(IReadOnlyDictionary<string, string> settings)
    {
        lock (_gate)
        {
            var previous = settings.Keys.ToDictionary(k => k, k => Data.TryGetValue(k, out var v) ? v : null);
            foreach (var (key, value) in settings) Data[key] = value;
            OnReload();
            return new Restore(this, previous);
        }
    }

    private void Put(IReadOnlyDictionary<string, string?> values)
    {
        lock (_gate)
        {
            foreach (var (key, value) in values)
                if (value is null) Data.Remove(key);
                else Data[key] = value;
            OnReload();
        }
    }

    private sealed class Restore(SettingOverrides overrides, IReadOnlyDictionary<string, string?> previous) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) overrides.Put(previous);
        }
    }
}

public static class LiveOptions
{
    /// <summary>
    /// Makes <see cref="IOptions{TOptions}"/> follow configuration reloads in a test host, so a setting
    /// the app reads through IOptions can be overridden per test (<see cref="SettingOverrides"/>).
    /// </summary>
    public static IServiceCollection AddLiveOptions<TOptions>(this IServiceCollection services) where TOptions : class =>
        services.AddSingleton<IOptions<TOptions>>(sp => new Live<TOptions>(sp.GetRequiredService<IOptionsMonitor<TOptions>>()));

    private sealed class Live<TOptions>(IOptionsMonitor<TOptions> monitor) : IOptions<TOptions> where TOptions : class
    {
        public TOptions Value => monitor.CurrentValue;
    }
}
