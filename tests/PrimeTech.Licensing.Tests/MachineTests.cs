using System.Net.Http.Json;

namespace PrimeTech.Licensing.Tests;

/// <summary>Heartbeats and last seen, the silent-machine release, and the self-service machine swap limit.</summary>
[Collection(LicensingCollection.Name)]
public sealed class MachineTests(LicensingFixture app) : IDisposable
{
    private readonly Purchases _purchases = new(app);
    private readonly LicenceApiClient _api = new(app);

    public void Dispose() => app.Clock.Reset();

    [Fact]
    public async Task A_heartbeat_records_last_seen_for_the_customer_and_admins_and_returns_a_fresh_lease()
    {
        var customer = await app.CreateCustomerAsync();
        var (_, licence) = await _purchases.LicenceAsync(customer.Id, customer.Email);
        var fingerprint = LicenceApiClient.NewFingerprint();
        await _api.ActivateAsync(licence.Key, fingerprint, "Studio PC");
        app.Clock.Advance(TimeSpan.FromDays(3));

        var beat = await _api.PostAsync("/api/licences/heartbeat", new { licenceKey = licence.Key, fingerprint });

        Assert.Equal(HttpStatusCode.OK, beat.Status);
        var seenAt = beat.Body.GetProperty("lastSeenAt").GetDateTimeOffset();
        Assert.InRange(seenAt, app.Clock.GetUtcNow().AddMinutes(-1), app.Clock.GetUtcNow());
        var lease = beat.Body.GetProperty("lease");
        Assert.Equal(seenAt, lease.GetProperty("issuedAt").GetDateTimeOffset());
        Assert.Equal(seenAt.AddDays(7), lease.GetProperty("expiresAt").GetDateTimeOffset());

        // Three days on, the customer signs in again (sessions end when idle).
        using var customerHttp = app.ClientFor(await app.SignInAsync(customer.Email, customer.Password));
        var mine = await customerHttp.GetFromJsonAsync<JsonElement>("/api/licences");
        var listed = mine.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("licenceKey").GetString() == licence.Key);
        Assert.Equal(seenAt, listed.GetProperty("activation").GetProperty("lastSeenAt").GetDateTimeOffset());
        using var adminHttp = app.ClientFor(await app.SignInAdminAsync());
        var adminView = await adminHttp.GetFromJsonAsync<JsonElement>($"/api/admin/licences/{licence.Key}");
        Assert.Equal(seenAt, adminView.GetProperty("activation").GetProperty("lastSeenAt").GetDateTimeOffset());
        Assert.Equal(seenAt, (await _purchases.LicenceAsync(licence.Key)).Activation!.LastSeenAt);

        var page = await customerHttp.GetStringAsync("/account/licences");
        Assert.Contains("Last seen", page);
        Assert.Contains("Last seen", await adminHttp.GetStringAsync($"/admin/licences/{licence.Key}"));
    }

    [Fact]
    public async Task A_heartbeat_from_another_machine_or_before_activation_is_refused()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();

        var early = await _api.PostAsync("/api/licences/heartbeat", new { licenceKey = licence.Key, fingerprint });
        await _api.ActivateAsync(licence.Key, fingerprint);
        var other = await _api.PostAsync("/api/licences/heartbeat", new { licenceKey = licence.Key, fingerprint = LicenceApiClient.NewFingerprint() });

        Assert.Equal((HttpStatusCode.Conflict, "LICENCE_NOT_ACTIVATED"), (early.Status, early.Code));
        Assert.Equal((HttpStatusCode.Conflict, "LICENCE_FINGERPRINT_MISMATCH"), (other.Status, other.Code));
        Assert.Equal("application/problem+json", other.MediaType);
    }

    [Fact]
    public async Task By_default_a_silent_machine_keeps_its_seat_and_with_the_setting_it_is_released_when_another_activates()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var silent = LicenceApiClient.NewFingerprint();
        await _api.ActivateAsync(licence.Key, silent, "Old laptop");
        app.Clock.Advance(TimeSpan.FromDays(45));

        var refused = await _api.ActivateAsync(licence.Key, LicenceApiClient.NewFingerprint());
        Assert.Equal("LICENCE_ACTIVATION_LIMIT_REACHED", refused.Code);

        await using var releasing = await AlbaHost.For<Program>(builder =>
        {
            app.ConfigureWebHost(builder);
            builder.UseSetting("Licensing:ReleaseSilentActivationsAfter", "30.00:00:00");
        });
        var newcomer = LicenceApiClient.NewFingerprint();
        using var http = releasing.Server.CreateClient();
        var activated = await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/activate", new { licenceKey = licence.Key, fingerprint = newcomer });

        Assert.Equal(HttpStatusCode.OK, activated.Status);
        var stored = await _purchases.LicenceAsync(licence.Key);
        Assert.Equal(newcomer, stored.Activation!.Fingerprint);
        var released = stored.History.Single(h => h.Action == LicenceAction.Released);
        Assert.Equal((LicenceActor.System, silent, "Not seen for 30 days"), (released.ByRole, released.Fingerprint, released.Reason));

        // A machine seen recently is not released, even with the setting on.
        var thief = await JsonAnswers.SendAsync(http, HttpMethod.Post, "/api/licences/activate",
            new { licenceKey = licence.Key, fingerprint = LicenceApiClient.NewFingerprint() });
        Assert.Equal(HttpStatusCode.Conflict, thief.Status);
    }

    [Fact]
    public async Task A_customer_may_release_the_machine_three_times_in_30_days_then_409_until_the_window_moves_and_an_admin_reset_overrides()
    {
        var customer = await app.CreateCustomerAsync();
        var (_, licence) = await _purchases.LicenceAsync(customer.Id, customer.Email);

        async Task<(HttpStatusCode Status, JsonElement Body)> SwapAsync()
        {
            await _api.ActivateAsync(licence.Key, LicenceApiClient.NewFingerprint());
            // Days pass between swaps: a fresh session each time (sessions end when idle).
            using var http = app.ClientFor(await app.SignInAsync(customer.Email, customer.Password));
            using var response = await http.PostAsync($"/api/licences/{licence.Key}/release", null);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SwapAsync()).Status);
            app.Clock.Advance(TimeSpan.FromDays(1));
        }
        var limited = await SwapAsync();

        Assert.Equal(HttpStatusCode.Conflict, limited.Status);
        Assert.Equal("DEVICE_SWAP_LIMIT_REACHED", limited.Body.GetProperty("code").GetString());
        Assert.StartsWith("You have released this licence's machine 3 times in the last 30 days.", limited.Body.GetProperty("detail").GetString());
        var stillActive = await _purchases.LicenceAsync(licence.Key);
        Assert.NotNull(stillActive.Activation);
        Assert.Equal(3, stillActive.History.Count(h => h.Action == LicenceAction.Released && h.ByRole == LicenceActor.Customer));

        // The page says the same beside the form.
        var page = await PageVisitor.For(app, await app.SignInAsync(customer.Email, customer.Password)).PostFormAsync("/account/licences?handler=Release",
            new Dictionary<string, string> { ["licenceKey"] = licence.Key, ["confirm"] = "true" }, 409, formPage: "/account/licences");
        Assert.Contains("3 times in the last 30 days", page.Html);

        using var admin = app.ClientFor(await app.SignInAdminAsync());
        using var reset = await admin.PostAsJsonAsync($"/api/admin/licences/{licence.Key}/reset", new { reason = "Third new laptop this month" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Null((await _purchases.LicenceAsync(licence.Key)).Activation);

        // The first release leaves the 30-day window: the customer may release again.
        app.Clock.Advance(TimeSpan.FromDays(28));
        Assert.Equal(HttpStatusCode.OK, (await SwapAsync()).Status);
    }
}
