using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;

namespace PrimeTech.Host.Tests;

/// <summary>
/// Issue #11 item 4: with PostgreSQL or S3 unreachable the API answers 503 SERVICE_UNAVAILABLE with
/// Retry-After and pages the styled 503 page, never 500; everything recovers by itself; an email
/// accepted while the SMTP sink is down is delivered exactly once when it is back.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OutageTests(HostFixture app)
{
    private readonly HttpClient _client = app.Host.Server.CreateClient();

    /// <summary>A read that goes to the database every time (the catalogue list is served from the output cache, D-147).</summary>
    private const string ProductApi = "/api/products/backup-pro";

    [Fact]
    public async Task PostgreSQL_going_down_under_traffic_answers_503_and_recovers_without_a_restart()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(ProductApi)).StatusCode);
        var catalogue = await _client.GetStringAsync("/api/products");
        var statuses = new ConcurrentBag<int>();
        using var traffic = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!traffic.IsCancellationRequested)
                statuses.Add((int)(await _client.GetAsync(ProductApi)).StatusCode);
        }));

        await app.Postgres.StopAsync();
        try
        {
            var api = await Eventually.GetAsync(async () =>
            {
                var response = await _client.GetAsync(ProductApi);
                return response.StatusCode == HttpStatusCode.ServiceUnavailable ? response : null;
            }, "a 503 while PostgreSQL is down");
            var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Equal("SERVICE_UNAVAILABLE", problem.GetProperty("code").GetString());
            Assert.Equal(TimeSpan.FromSeconds(5), api.Headers.RetryAfter?.Delta);

            var page = await _client.GetAsync("/products/backup-pro");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), page.Headers.RetryAfter?.Delta);
            Assert.Contains("Service unavailable", await page.Content.ReadAsStringAsync());

            // The catalogue cached before the outage is still shown meanwhile.
            using var cached = await _client.GetAsync("/api/products");
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.Equal(catalogue, await cached.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.Postgres.StartAsync();
        }

        await Eventually.TrueAsync(async () => (await _client.GetAsync(ProductApi)).StatusCode == HttpStatusCode.OK,
            "the API to answer again after PostgreSQL is back", TimeSpan.FromSeconds(30));
        await traffic.CancelAsync();
        await load;
        Assert.All(statuses, s => Assert.Contains(s, new[] { 200, 503 }));
        Assert.Contains(503, statuses);
    }

    [Fact]
    public async Task S3_going_down_answers_503_on_upload_and_the_same_upload_succeeds_when_it_is_back()
    {
        var admin = await app.SignInAdminAsync();
        var product = await CreateProductAsync(admin);
        var bytes = new byte[64 * 1024];
        Random.Shared.NextBytes(bytes);

        app.S3.GoDown();
        try
        {
            using var down = await UploadAsync(admin, product, "1.0.0", bytes);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("SERVICE_UNAVAILABLE", JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
            Assert.Equal(TimeSpan.FromSeconds(5), down.Headers.RetryAfter?.Delta);
        }
        finally
        {
            app.S3.ComeBack();
        }

        using var back = await UploadAsync(admin, product, "1.0.0", bytes);
        Assert.Equal(HttpStatusCode.Created, back.StatusCode);
    }

    [Fact]
    public async Task Emails_accepted_while_the_smtp_sink_is_down_are_delivered_exactly_once_when_it_is_back()
    {
        var customer = await app.CreateCustomerAsync();
        var refused = app.Smtp.RefusedConnections;

        app.Smtp.GoDown();
        try
        {
            var forgot = await _client.PostAsJsonAsync("/api/auth/forgot-password", new { email = customer.Email });
            Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
            using var change = new HttpRequestMessage(HttpMethod.Post, "/api/auth/change-password")
            {
                Content = JsonContent.Create(new { currentPassword = customer.Password, newPassword = "Changed-during-the-outage-5" }),
            };
            change.Headers.Add("Cookie", customer.Cookie);
            Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(change)).StatusCode);

            // Both emails have been tried, and refused, at least once.
            await Eventually.TrueAsync(() => Task.FromResult(app.Smtp.RefusedConnections >= refused + 2), "delivery attempts while the sink is down");
        }
        finally
        {
            app.Smtp.ComeBack();
        }

        await app.Mail.WaitForAsync(customer.Email, m => m.Subject == "Reset your password", TimeSpan.FromSeconds(90));
        await app.Mail.WaitForAsync(customer.Email, m => m.Subject == "Your password was changed", TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(async () => await PendingEmailEnvelopesAsync() == 0, "no email message left to deliver", TimeSpan.FromSeconds(30));
        var delivered = await app.Mail.ForAsync(customer.Email);
        Assert.Single(delivered, m => m.Subject == "Reset your password");
        Assert.Single(delivered, m => m.Subject == "Your password was changed");
    }

    private async Task<Guid> CreateProductAsync(TestUser admin)
    {
        var sku = "OUT-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var client = app.ClientFor(admin);
        using var response = await client.PostAsJsonAsync("/api/admin/products", new
        {
            sku, slug = sku.ToLowerInvariant(), name = $"Outage product {sku}", summary = "A product with releases.",
            descriptionMarkdown = "", unitPriceNetPence = 1999, vatRatePercent = 20m, isLicensed = true, isActive = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> UploadAsync(TestUser admin, Guid productId, string version, byte[] file)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(version), "version");
        form.Add(new StringContent("Outage test."), "notes");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/zip");
        form.Add(content, "file", "setup.zip");
        using var client = app.ClientFor(admin);
        return await client.PostAsync($"/api/admin/products/{productId}/releases", form);
    }

    /// <summary>Email messages (plain, and the Identity module's emailed links) not yet handled, in every envelope table.</summary>
    private async Task<long> PendingEmailEnvelopesAsync()
    {
        await using var connection = new NpgsqlConnection(app.Postgres.ConnectionString(app.DatabaseName));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        long pending = 0;
        foreach (var schema in tables)
        {
            await using var count = new NpgsqlCommand(
                $"select count(*) from \"{schema}\".wolverine_incoming_envelopes where status <> 'Handled' " +
                "and (message_type like '%OutgoingEmail%' or message_type like '%DeliverEmailToken%' or message_type like '%outgoing_email%' or message_type like '%deliver_email_token%')",
                connection);
            pending += (long)(await count.ExecuteScalarAsync())!;
        }
        return pending;
    }
}
