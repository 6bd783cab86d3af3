using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace PrimeTech.Benchmarks;

/// <summary>One measured scenario: null when it had nothing to measure.</summary>
public sealed record BenchScenario(string Name, Func<Task<BenchResult?>> RunAsync, bool AlwaysRuns = false);

/// <summary>
/// The scenarios of issue 12, in an order where each finds the data the earlier ones made
/// (checkouts → their payments → licences), each seeding what it lacks when run alone.
/// </summary>
public sealed partial class Scenarios(
    BenchClient client, AppProcess app, SmtpSink smtp, string connectionString, IReadOnlyDictionary<string, string> settings, TimeSpan duration,
    int connections, ReferenceEndpoint reference, List<string> notes)
{
    public const string AdminEmail = "bench-admin@primetech.example";
    public const string AdminPassword = "Bench-admin-password-2026!";
    private const int Customers = 32;
    private const int Checkouts = 800;
    private const int WarmUp = 32;

    private BenchUser _admin = null!;
    private string _sku = "";
    private List<BenchUser> _customers = [];
    private readonly ConcurrentQueue<string> _unpaidSessions = new();
    private (string Key, string Fingerprint)? _activated;

    private string BaseUrl => settings["Site:PublicUrl"];

    public IReadOnlyList<BenchScenario> All =>
    [
        new("checkout", CheckoutAsync),
        new("webhook-payments", DistinctPaymentsAsync),
        new("webhook-duplicates", DuplicatesAsync),
        new("reference", ReferenceAsync),
        new("licence-validate", ValidateAsync),
        new("licence-activate", ActivateAsync),
        new("products", () => GetAsync("GET /products (page, anonymous)", "/products")),
        new("product", () => GetAsync("GET /products/{slug} (page, anonymous)", "/products/" + _sku.ToLowerInvariant())),
        new("api-products", () => GetAsync("GET /api/products", "/api/products")),
        new("account-orders", () => GetAsync($"GET /account/orders (page, signed in, {_ordersOfFirstCustomer} orders)", "/account/orders", _customers[0])),
        new("api-orders", () => GetAsync($"GET /api/orders (signed in, {_ordersOfFirstCustomer} orders)", "/api/orders", _customers[0])),
        new("admin-dashboard", () => GetAsync("GET /admin (dashboard, admin)", "/admin", _admin)),
    ];

    private int _ordersOfFirstCustomer;

    /// <summary>Admin, a licensed product, 32 verified customers, and a warm-up: one paid order each and a few seconds of each page.</summary>
    public async Task PrepareAsync()
    {
        _admin = await client.SignInAdminAsync(AdminEmail, AdminPassword);
        _sku = await client.CreateProductAsync(_admin, licensed: true);
        var created = new ConcurrentBag<BenchUser>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Customers), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (_, _) => created.Add(await client.CreateCustomerAsync(smtp)));
        _customers = [.. created];

        var warmUpSessions = await CheckoutManyAsync(WarmUp);
        foreach (var session in warmUpSessions)
            await client.PostWebhookAsync(await client.PaidEventAsync(session));
        _ordersOfFirstCustomer = 1;
        foreach (var path in new[] { "/products", "/products/" + _sku.ToLowerInvariant(), "/api/products" })
            await Wrk.RunAsync("warm-up", BaseUrl + path, new WrkRequest(), connections, TimeSpan.FromSeconds(2));
        await Wrk.RunAsync("warm-up", BaseUrl + "/account/orders", new WrkRequest(Cookie: _customers[0].Cookie), connections, TimeSpan.FromSeconds(2));
        await Wrk.RunAsync("warm-up", BaseUrl + "/admin", new WrkRequest(Cookie: _admin.Cookie), connections, TimeSpan.FromSeconds(2));
        await QuietAsync();
    }

    /// <summary>
    /// Checkout through the API (order, gap-free invoice, PDF, S3, Stripe session), 16 at once over 32
    /// customers. Each checkout follows its own add-to-cart (not timed, but inside the req/s figure).
    /// </summary>
    private async Task<BenchResult?> CheckoutAsync()
    {
        var locks = _customers.Select(_ => new SemaphoreSlim(1)).ToArray();
        var result = await LoadRunner.RunAsync($"POST /api/orders/checkout ({Checkouts} distinct carts)", Checkouts, connections, async i =>
        {
            var c = i % _customers.Count;
            await locks[c].WaitAsync();
            try
            {
                var revision = await client.AddToCartAsync(_customers[c], _sku);
                string? session = null;
                var timed = await LoadRunner.Timed(async () => (session = await client.CheckoutAsync(_customers[c], revision)) is not null);
                if (session is not null) _unpaidSessions.Enqueue(session);
                return timed;
            }
            finally
            {
                locks[c].Release();
            }
        });
        _ordersOfFirstCustomer += Checkouts / Customers;
        notes.Add("checkout: " + await GapFreeAsync("invoice", "INV"));
        await QuietAsync();
        return result;
    }

    /// <summary>Distinct payment confirmations: the signed <c>checkout.session.completed</c> of orders paid at the stand-in.</summary>
    private async Task<BenchResult?> DistinctPaymentsAsync()
    {
        if (_unpaidSessions.IsEmpty)
            foreach (var session in await CheckoutManyAsync(Checkouts)) _unpaidSessions.Enqueue(session);
        var events = new List<string>();
        while (_unpaidSessions.TryDequeue(out var session)) events.Add(await client.PaidEventAsync(session));
        var receiptsBefore = await CountAsync("select count(*) from billing.mt_doc_receipt");
        var result = await LoadRunner.RunAsync($"POST /api/webhooks/stripe ({events.Count} distinct payments)", events.Count, connections,
            i => LoadRunner.Timed(() => client.PostWebhookAsync(events[i])));
        var issued = await CountAsync("select count(*) from billing.mt_doc_receipt") - receiptsBefore;
        notes.Add($"webhook-payments: {issued} receipts for {events.Count} payments; " + await GapFreeAsync("receipt", "RCP"));
        await QuietAsync();
        return result;
    }

    /// <summary>One payment's event, delivered over and over by 16 connections at once (wrk, one signed body).</summary>
    private async Task<BenchResult?> DuplicatesAsync()
    {
        var session = (await CheckoutManyAsync(1))[0];
        var body = await client.PaidEventAsync(session);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(settings["Stripe:WebhookSecret"]), Encoding.UTF8.GetBytes($"{t}.{body}")));
        var result = await Wrk.RunAsync("POST /api/webhooks/stripe (one payment's event, again and again)", BaseUrl + "/api/webhooks/stripe",
            new WrkRequest("POST", body, Headers: new Dictionary<string, string> { ["Stripe-Signature"] = $"t={t},v1={signature}" }),
            connections, duration);
        var invoiceNumber = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("object").GetProperty("metadata")
            .GetProperty("invoice_number").GetString();
        var receipts = await CountAsync($"select count(*) from billing.mt_doc_receipt where data ->> 'invoiceNumber' = '{invoiceNumber}'");
        notes.Add($"webhook-duplicates: {result.Requests} deliveries of one event, {receipts} receipt{(receipts == 1 ? "" : "s")} for its order");
        await QuietAsync();
        return result;
    }

    private async Task<BenchResult?> ReferenceAsync()
    {
        var (key, fingerprint) = await ActivatedLicenceAsync();
        notes.Add("reference plan: " + await reference.PlanAsync(key));
        return await Wrk.RunAsync("reference: bare Npgsql + minimal API, one indexed read", reference.Url,
            new WrkRequest("POST", JsonSerializer.Serialize(new { licenceKey = key, fingerprint })), connections, duration);
    }

    private async Task<BenchResult?> ValidateAsync()
    {
        var (key, fingerprint) = await ActivatedLicenceAsync();
        return await Wrk.RunAsync("POST /api/licences/validate (valid key, right machine)", BaseUrl + "/api/licences/validate",
            new WrkRequest("POST", JsonSerializer.Serialize(new { licenceKey = key, fingerprint })), connections, duration);
    }

    /// <summary>Activations of distinct licences, each on a machine of its own (the benchmark's client: each body is used once).</summary>
    private async Task<BenchResult?> ActivateAsync()
    {
        await ActivatedLicenceAsync();
        var keys = new List<string>();
        foreach (var customer in _customers)
            keys.AddRange((await client.LicencesAsync(customer)).Where(l => l["activation"] is null).Select(l => l["licenceKey"]!.GetValue<string>()));
        if (keys.Count < 200)
        {
            await BuyLicencesAsync(_customers[1], 300);
            keys = (await client.LicencesAsync(_customers[1])).Where(l => l["activation"] is null).Select(l => l["licenceKey"]!.GetValue<string>()).ToList();
        }
        var result = await LoadRunner.RunAsync($"POST /api/licences/activate ({keys.Count} distinct licences)", keys.Count, connections,
            i => LoadRunner.Timed(() => client.PostJsonAsync("/api/licences/activate",
                new { licenceKey = keys[i], fingerprint = $"bench-machine-{i:D6}-{Guid.NewGuid():N}", machineName = $"BENCH-{i}" })));
        await QuietAsync();
        return result;
    }

    private async Task<BenchResult?> GetAsync(string label, string path, BenchUser? user = null) =>
        await Wrk.RunAsync(label, BaseUrl + path, new WrkRequest(Cookie: user?.Cookie), connections, duration);

    /// <summary>One licence of the first customer, activated on a machine: what validate and the reference look up.</summary>
    private async Task<(string Key, string Fingerprint)> ActivatedLicenceAsync()
    {
        if (_activated is { } done) return done;
        var licences = await Eventually.GetAsync(async () => await client.LicencesAsync(_customers[0]) is { Count: > 0 } l ? l : null, "a licence", TimeSpan.FromMinutes(2));
        var key = licences[0]["licenceKey"]!.GetValue<string>();
        var fingerprint = "bench-validate-" + Guid.NewGuid().ToString("N");
        if (!await client.PostJsonAsync("/api/licences/activate", new { licenceKey = key, fingerprint, machineName = "BENCH-VALIDATE" }))
            throw new InvalidOperationException("The licence for the validate scenario could not be activated.");
        _activated = (key, fingerprint);
        return (key, fingerprint);
    }

    private async Task BuyLicencesAsync(BenchUser customer, int count)
    {
        var before = (await client.LicencesAsync(customer)).Count;
        for (var bought = 0; bought < count; bought += 100)
        {
            var revision = await client.AddToCartAsync(customer, _sku, 100);
            var session = await client.CheckoutAsync(customer, revision) ?? throw new InvalidOperationException("Checkout failed.");
            await client.PostWebhookAsync(await client.PaidEventAsync(session));
        }
        await Eventually.TrueAsync(async () => (await client.LicencesAsync(customer)).Count >= before + count, $"{count} licences", TimeSpan.FromMinutes(2));
    }

    /// <summary>Unpaid checkouts spread over the customers, four at a time (seeding, not measured).</summary>
    private async Task<List<string>> CheckoutManyAsync(int count)
    {
        var sessions = new ConcurrentBag<string>();
        var locks = _customers.Select(_ => new SemaphoreSlim(1)).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var c = i % _customers.Count;
            await locks[c].WaitAsync(_);
            try
            {
                var revision = await client.AddToCartAsync(_customers[c], _sku);
                sessions.Add(await client.CheckoutAsync(_customers[c], revision) ?? throw new InvalidOperationException("Checkout failed."));
            }
            finally
            {
                locks[c].Release();
            }
        });
        return [.. sessions];
    }

    /// <summary>"N invoices, numbered 1–N without a gap" (or where the gaps are) for every year series of the prefix.</summary>
    private async Task<string> GapFreeAsync(string document, string prefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select data ->> 'number' from billing.mt_doc_{document}", connection);
        var numbers = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) numbers.Add(reader.GetString(0));
        var parts = new List<string>();
        foreach (var series in numbers.Select(n => SeriesNumber().Match(n)).Where(m => m.Success && m.Groups[1].Value == prefix)
                     .GroupBy(m => m.Groups[2].Value))
        {
            var sequence = series.Select(m => int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)).Order().ToList();
            var gapFree = sequence.Count == sequence.Distinct().Count() && sequence[0] == 1 && sequence[^1] == sequence.Count;
            parts.Add($"{sequence.Count} {document}s in {prefix}-{series.Key}, numbered {sequence[0]}–{sequence[^1]}, {(gapFree ? "gap-free" : "NOT gap-free")}");
        }
        return string.Join("; ", parts);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Waits until the app's background work (PDFs, S3, emails, licences) is done — its process using
    /// under a tenth of a core over a second — so one scenario's aftermath is not measured as the next
    /// one's cost.
    /// </summary>
    private async Task QuietAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var before = app.CpuTime();
            await Task.Delay(1000);
            if (app.CpuTime() - before < TimeSpan.FromMilliseconds(100)) return;
        }
        notes.Add("the app was still busy 3 minutes after a scenario; later figures include that work");
    }

    [GeneratedRegex(@"^([A-Z]+)-(\d{4})-(\d+)$")]
    private static partial Regex SeriesNumber();
}
