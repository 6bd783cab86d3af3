using System.Diagnostics;
using Xunit.Abstractions;

namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class ActivationConcurrencyTests(LicensingFixture app, ITestOutputHelper output)
{
    private readonly Purchases _purchases = new(app);
    private readonly LicenceApiClient _api = new(app);

    [Fact]
    public async Task Fifty_concurrent_activations_from_different_machines_give_exactly_one_200_and_one_stored_activation()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprints = Enumerable.Range(0, 50).Select(_ => LicenceApiClient.NewFingerprint()).ToList();
        using var start = new SemaphoreSlim(0);

        var requests = fingerprints.Select(async fingerprint =>
        {
            await start.WaitAsync();
            var timer = Stopwatch.StartNew();
            var answer = await _api.ActivateAsync(licence.Key, fingerprint, "Machine " + fingerprint[^4..]);
            return (Fingerprint: fingerprint, Answer: answer, Elapsed: timer.Elapsed);
        }).ToList();
        start.Release(fingerprints.Count);
        var results = await Task.WhenAll(requests);

        var winner = Assert.Single(results, r => r.Answer.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r != winner), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Answer.Status);
            Assert.Equal("LICENCE_ACTIVATION_LIMIT_REACHED", r.Answer.Code);
        });

        var stored = await _purchases.LicenceAsync(licence.Key);
        Assert.Equal(winner.Fingerprint, stored.Activation!.Fingerprint);
        Assert.Single(stored.History, h => h.Action == LicenceAction.Activated);

        var latencies = results.Select(r => r.Elapsed.TotalMilliseconds).Order().ToArray();
        output.WriteLine($"50 concurrent activations: median {latencies[24]:F0} ms, p95 {latencies[47]:F0} ms, max {latencies[^1]:F0} ms");
    }

    [Fact]
    public async Task Concurrent_activations_from_the_same_machine_all_succeed_with_one_activation()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.ActivateAsync(licence.Key, fingerprint)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(results.Select(r => r.String("activatedAt")).Distinct());
        var stored = await _purchases.LicenceAsync(licence.Key);
        Assert.Single(stored.History, h => h.Action == LicenceAction.Activated);
    }
}
