using Alba;
using static PrimeTech.Booking.Tests.BookingApi;
using System.Globalization;

namespace PrimeTech.Booking.Tests;

/// <summary>Failed guest proofs (reference + email) counted in the database: 5 in 15 minutes lock the reference and the email.</summary>
[Collection(BookingCollection.Name)]
public sealed class GuestThrottleTests(BookingFixture app)
{
    [Fact]
    public async Task Five_wrong_emails_lock_the_reference_even_for_the_right_email_until_the_lock_ends()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 9), email);

        var failures = new List<string>();
        for (var i = 0; i < TrackingThrottle.MaxFailures; i++)
        {
            // Track and cancel count alike, as do clients at different addresses.
            var (status, body) = i % 2 == 0
                ? await PostFromAsync($"203.0.113.{i + 1}", "/api/bookings/track", new { reference, email = NewEmail() })
                : await PostFromAsync($"203.0.113.{i + 1}", $"/api/bookings/{reference}/cancel", new { email = NewEmail() });
            Assert.Equal(404, status);
            failures.Add(body.GetProperty("detail").GetString()!);
        }
        Assert.All(failures, d => Assert.Equal("We could not find a booking with that reference and email address.", d));

        await AssertLockedAsync(await SendFromAsync("198.51.100.9", "/api/bookings/track", new { reference, email }));
        await AssertLockedAsync(await SendFromAsync("198.51.100.10", $"/api/bookings/{reference}/cancel", new { email }));
        Assert.Equal(BookingStatus.Requested, (await LoadAsync(app, reference))!.Status);

        // Another booking of another guest is not affected.
        var otherEmail = NewEmail();
        var other = await BookAsync(app, At(monday, 10), otherEmail);
        Assert.Equal(200, (await PostAsync(app, "/api/bookings/track", new { reference = other, email = otherEmail })).Status);

        app.Clock.Advance(TrackingThrottle.LockDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await PostAsync(app, "/api/bookings/track", new { reference, email })).Status);
    }

    [Fact]
    public async Task Five_failures_with_one_email_over_different_references_lock_that_email()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 11), email);

        for (var i = 0; i < TrackingThrottle.MaxFailures; i++)
            Assert.Equal(404, (await PostFromAsync($"203.0.113.{20 + i}", "/api/bookings/track",
                new { reference = $"BKG-{monday:yyyyMMdd}-ZZZ{i}", email })).Status);

        await AssertLockedAsync(await SendFromAsync("203.0.113.40", "/api/bookings/track", new { reference, email = email.ToUpperInvariant() }));
    }

    [Fact]
    public async Task Twenty_parallel_guesses_from_twenty_addresses_get_exactly_five_answers_and_the_reference_locks()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 13), email);

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await PostFromAsync($"192.0.2.{i + 1}", "/api/bookings/track", new { reference, email = NewEmail() });
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(TrackingThrottle.MaxFailures, results.Count(r => r.Status == 404));
        Assert.Equal(20 - TrackingThrottle.MaxFailures, results.Count(r => r.Status == 429 && r.Body.GetProperty("code").GetString() == "RATE_LIMITED"));
        await AssertLockedAsync(await SendFromAsync("192.0.2.200", "/api/bookings/track", new { reference, email }));
    }

    [Fact]
    public async Task The_track_page_answers_429_with_retry_after_once_the_reference_is_locked()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 15), email);
        for (var i = 0; i < TrackingThrottle.MaxFailures; i++)
        {
            var (status, html, _) = await Pages.PostFormAsync(app, "/bookings/track", "/bookings/track",
                new() { ["Reference"] = reference, ["Email"] = NewEmail() });
            Assert.Equal(200, status);
            Assert.Contains("We could not find a booking with that reference and email address.", html);
        }

        var (lockedStatus, lockedHtml, _) = await Pages.PostFormAsync(app, "/bookings/track", "/bookings/track",
            new() { ["Reference"] = reference, ["Email"] = email });
        Assert.Equal(429, lockedStatus);
        Assert.Contains("class=\"error-summary\"", lockedHtml);
        Assert.Contains("Too many attempts to find this booking.", lockedHtml);
        Assert.DoesNotContain("Cancel this booking", lockedHtml);
    }

    [Fact]
    public async Task A_failure_purges_counters_past_their_window_and_keeps_live_ones()
    {
        var monday = StartOfOwnWeek(app);
        var now = app.Clock.GetUtcNow();
        var stale = "email:stale-" + Guid.NewGuid().ToString("N");
        var lockExpired = "email:expired-" + Guid.NewGuid().ToString("N");
        var live = "email:live-" + Guid.NewGuid().ToString("N");
        var locked = "email:locked-" + Guid.NewGuid().ToString("N");
        await using (var session = Store.LightweightSession())
        {
            session.QueueSqlCommand(
                $"insert into booking.{TrackingThrottle.Table} (key, failures, window_started_at, locked_until) values " +
                "(?, 3, ?, null), (?, 0, ?, ?), (?, 2, ?, null), (?, 0, ?, ?)",
                stale, now.AddMinutes(-16),
                lockExpired, now.AddMinutes(-20), now.AddMinutes(-5),
                live, now.AddMinutes(-14),
                locked, now.AddMinutes(-20), now.AddMinutes(5));
            await session.SaveChangesAsync();
        }
        // Earlier tests' counters are stale too (each test moves the clock on a week); one purge takes a batch.
        await using (var count = Store.QuerySession())
            Assert.InRange((await count.AdvancedSql.QueryAsync<int>(
                $"select count(*)::int from booking.{TrackingThrottle.Table} where window_started_at <= ?", CancellationToken.None,
                now - TrackingThrottle.Window))[0], 2, TrackingThrottle.PurgeBatch);

        Assert.Equal(404, (await PostAsync(app, "/api/bookings/track", new { reference = $"BKG-{monday:yyyyMMdd}-ZZZZ", email = NewEmail() })).Status);

        await using var query = Store.QuerySession();
        var left = await query.AdvancedSql.QueryAsync<string>(
            $"select key from booking.{TrackingThrottle.Table} where key = any(?)", CancellationToken.None,
            (object)new[] { stale, lockExpired, live, locked });
        Assert.Equal(new[] { live, locked }.Order(), left.Order());
    }

    private IBookingStore Store => app.Host.Services.GetRequiredService<IBookingStore>();

    private Task<IScenarioResult> SendFromAsync(string clientAddress, string url, object body) =>
        app.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.WithRequestHeader("X-Forwarded-For", clientAddress);
            s.IgnoreStatusCode();
        });

    private async Task<(int Status, System.Text.Json.JsonElement Body)> PostFromAsync(string clientAddress, string url, object body)
    {
        var result = await SendFromAsync(clientAddress, url, body);
        return (result.Context.Response.StatusCode, System.Text.Json.JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone());
    }

    private static async Task AssertLockedAsync(IScenarioResult result)
    {
        Assert.Equal(429, result.Context.Response.StatusCode);
        var seconds = int.Parse(result.Context.Response.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, (int)TrackingThrottle.LockDuration.TotalSeconds);
        var body = System.Text.Json.JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.Equal("RATE_LIMITED", body.GetProperty("code").GetString());
        Assert.Equal("application/problem+json", result.Context.Response.ContentType);
    }
}
