using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrimeTech.Identity.Contracts;
using PrimeTech.Identity.Maintenance;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Tokens;
using Wolverine;
using System.Globalization;

namespace PrimeTech.Identity.Tests;

/// <summary>The nightly clean-up of old sessions and tokens, its schedule, and the dashboard's account figures.</summary>
[Collection(IdentityCollection.Name)]
public sealed class MaintenanceTests(IdentityFixture app)
{
    private IMessageBus Bus => app.Host.Services.GetRequiredService<IMessageBus>();

    private IDocumentSession Write() => app.Host.Services.GetRequiredService<IIdentityStore>().LightweightSession();

    private static UserSession Session(DateTimeOffset lastSeen, TimeSpan idle, DateTimeOffset absolute, DateTimeOffset? revoked = null) => new()
    {
        Id = Guid.NewGuid(),
        TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
        UserId = Guid.NewGuid(),
        CreatedAt = lastSeen,
        LastSeenAt = lastSeen,
        IdleTimeout = idle,
        AbsoluteExpiresAt = absolute,
        Persistent = idle > TimeSpan.FromHours(1),
        IpAddress = "203.0.113.5",
        UserAgent = "test",
        RevokedAt = revoked,
        RevokedReason = revoked is null ? null : RevokedReasons.Logout,
    };

    private static EmailToken Token(DateTimeOffset expires) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        UserId = Guid.NewGuid(),
        Purpose = EmailTokenPurpose.ResetPassword,
        CreatedAt = expires.AddHours(-1),
        ExpiresAt = expires,
    };

    [Fact]
    public async Task The_purge_deletes_sessions_over_30_days_past_expiry_or_revocation_and_tokens_over_7_days_past_expiry()
    {
        var now = app.Clock.GetUtcNow();
        var day = TimeSpan.FromDays(1);
        var normalIdle = TimeSpan.FromMinutes(30);
        var persistentIdle = TimeSpan.FromDays(14);
        var doomed = new[]
        {
            Session(now - 31 * day - TimeSpan.FromMinutes(10), normalIdle, now + 300 * day, revoked: now - 31 * day),   // revoked 31 days ago
            Session(now - 32 * day, normalIdle, now - 31 * day),                                       // absolute expiry 31 days ago
            Session(now - 45 * day, persistentIdle, now - 15 * day + TimeSpan.FromMinutes(1)),         // idle expiry 31 days ago
            Session(now - 45 * day, persistentIdle, now - 15 * day, revoked: now - 5 * day),           // idle-expired long ago, revoked lately
        };
        var kept = new[]
        {
            Session(now - 29 * day - TimeSpan.FromMinutes(10), normalIdle, now + 300 * day, revoked: now - 29 * day),   // revoked 29 days ago
            Session(now - 30 * day, normalIdle, now - 29 * day),                                       // absolute expiry 29 days ago
            Session(now - 40 * day, persistentIdle, now - 10 * day),                                   // idle expiry 26 days ago
            Session(now - TimeSpan.FromMinutes(5), normalIdle, now + TimeSpan.FromHours(11)),          // active
        };
        var oldToken = Token(now - 8 * day);
        var recentToken = Token(now - 6 * day);
        var liveToken = Token(now + TimeSpan.FromHours(1));
        await using (var write = Write())
        {
            write.Store(doomed.Concat(kept).ToArray());
            write.Store(oldToken, recentToken, liveToken);
            await write.SaveChangesAsync();
        }

        await Bus.InvokeAsync(new PurgeExpiredSessions(RunAt: now));

        foreach (var gone in doomed)
            Assert.Null(await app.LoadAsync<UserSession>(gone.Id));
        foreach (var stays in kept)
            Assert.NotNull(await app.LoadAsync<UserSession>(stays.Id));
        Assert.Null(await app.LoadAsync<EmailToken>(oldToken.Id));
        Assert.NotNull(await app.LoadAsync<EmailToken>(recentToken.Id));
        Assert.NotNull(await app.LoadAsync<EmailToken>(liveToken.Id));
    }

    [Fact]
    public async Task The_purge_deletes_sign_in_throttles_that_are_neither_locked_nor_in_their_window()
    {
        var now = app.Clock.GetUtcNow();
        SignInThrottle Throttle(TimeSpan windowAge, TimeSpan? lockedFor) => new()
        {
            Id = Accounts.NewEmail("throttle"),
            FailedCount = lockedFor is null ? 3 : 0,
            WindowStartedAt = now - windowAge,
            LockedUntil = lockedFor is { } l ? now + l : null,
        };
        var stale = Throttle(TimeSpan.FromMinutes(16), null);
        var lockOver = Throttle(TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(-10));
        var counting = Throttle(TimeSpan.FromMinutes(5), null);
        var locked = Throttle(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5));
        await using (var write = Write())
        {
            write.Store(stale, lockOver, counting, locked);
            await write.SaveChangesAsync();
        }

        await Bus.InvokeAsync(new PurgeExpiredSessions(RunAt: now));

        Assert.Null(await app.LoadAsync<SignInThrottle>(stale.Id));
        Assert.Null(await app.LoadAsync<SignInThrottle>(lockOver.Id));
        Assert.NotNull(await app.LoadAsync<SignInThrottle>(counting.Id));
        Assert.NotNull(await app.LoadAsync<SignInThrottle>(locked.Id));
    }

    [Fact]
    public async Task Real_sign_ins_survive_the_purge()
    {
        var user = await app.CreateCustomerAsync();
        await Bus.InvokeAsync(new PurgeExpiredSessions(RunAt: app.Clock.GetUtcNow()));
        await app.MeAsync(user, 200);
    }

    [Fact]
    public async Task The_purge_is_scheduled_once_for_0300_london_and_each_run_schedules_the_next()
    {
        // Start-up asked for a run.
        var started = await Eventually.GetAsync(() => app.LoadAsync<ScheduledJob>(PurgeExpiredSessions.JobName), "the purge to be scheduled at start-up");
        Assert.Equal(new TimeOnly(3, 0), TimeOnly.FromDateTime(BuildingBlocks.Time.London.ToLocal(started.NextRunAt)));
        Assert.Contains(started.NextRunAt, await PendingRunsAsync());

        // From nothing pending (other tests move the clock), instances starting one after another schedule one run.
        await ExecuteAsync("delete from identity.wolverine_incoming_envelopes where status = 'Scheduled' and message_type = @type");
        await ExecuteAsync("delete from identity.mt_doc_scheduledjob");
        await Bus.InvokeAsync(new EnsurePurgeScheduled());
        var job = (await app.LoadAsync<ScheduledJob>(PurgeExpiredSessions.JobName))!;
        Assert.Equal(ScheduledJob.NextDailyRun(app.Clock.GetUtcNow(), new TimeOnly(3, 0)), job.NextRunAt);
        Assert.True(job.NextRunAt <= app.Clock.GetUtcNow().AddDays(1));
        Assert.Equal([job.NextRunAt], await PendingRunsAsync());

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = app.Host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new EnsurePurgeScheduled());
        }));
        Assert.Equal(job.NextRunAt, (await app.LoadAsync<ScheduledJob>(PurgeExpiredSessions.JobName))!.NextRunAt);
        Assert.Equal([job.NextRunAt], await PendingRunsAsync());

        // A stray run (not the pending one) cleans up but schedules nothing.
        await Bus.InvokeAsync(new PurgeExpiredSessions(job.NextRunAt.AddDays(-1)));
        Assert.Equal(job.NextRunAt, (await app.LoadAsync<ScheduledJob>(PurgeExpiredSessions.JobName))!.NextRunAt);
        Assert.Equal([job.NextRunAt], await PendingRunsAsync());

        // The pending run schedules the next day's.
        await Bus.InvokeAsync(new PurgeExpiredSessions(job.NextRunAt));
        var next = (await app.LoadAsync<ScheduledJob>(PurgeExpiredSessions.JobName))!.NextRunAt;
        Assert.Equal(ScheduledJob.NextDailyRun(job.NextRunAt, new TimeOnly(3, 0)), next);
        Assert.Equal([job.NextRunAt, next], await PendingRunsAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.Settings["ConnectionStrings:Postgres"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("type", typeof(PurgeExpiredSessions).FullName!);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>When the scheduled <see cref="PurgeExpiredSessions"/> messages waiting in the identity store's inbox are due.</summary>
    private async Task<DateTimeOffset[]> PendingRunsAsync()
    {
        await using var connection = new NpgsqlConnection(app.Settings["ConnectionStrings:Postgres"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select execution_time from identity.wolverine_incoming_envelopes where status = 'Scheduled' and message_type = @type order by 1", connection);
        command.Parameters.AddWithValue("type", typeof(PurgeExpiredSessions).FullName!);
        var times = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) times.Add(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero));
        return times.ToArray();
    }

    [Theory]
    [InlineData("2026-01-10T03:30:00Z", "2026-01-11T03:00:00Z")]   // winter: 03:00 GMT
    [InlineData("2026-01-10T02:59:00Z", "2026-01-10T03:00:00Z")]
    [InlineData("2026-01-10T03:00:00Z", "2026-01-11T03:00:00Z")]   // strictly after
    [InlineData("2026-03-28T12:00:00Z", "2026-03-29T02:00:00Z")]   // clocks go forward on 29 March: 03:00 BST
    [InlineData("2026-07-01T01:59:00Z", "2026-07-01T02:00:00Z")]
    [InlineData("2026-10-24T12:00:00Z", "2026-10-25T03:00:00Z")]   // clocks go back on 25 October
    public void The_next_run_is_the_next_0300_on_the_london_clock(string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), ScheduledJob.NextDailyRun(DateTimeOffset.Parse(after, CultureInfo.InvariantCulture), new TimeOnly(3, 0)));

    [Fact]
    public async Task User_figures_count_new_accounts_by_london_day_and_all_accounts_by_its_end()
    {
        // A summer day far from any other test's data; 23:30 UTC is already the next day in London.
        var day = new DateOnly(2090 + Random.Shared.Next(0, 9), 7, 10);
        try
        {
            app.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            await app.CreateCustomerAsync(verified: false);
            await app.CreateCustomerAsync(verified: false);
            app.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 30)), TimeSpan.Zero));
            await app.CreateCustomerAsync(verified: false);
        }
        finally
        {
            app.Clock.Reset();
        }

        var before = await Bus.InvokeAsync<UserFigures>(new GetUserFigures(day.AddDays(-1)));
        var onDay = await Bus.InvokeAsync<UserFigures>(new GetUserFigures(day));
        var nextDay = await Bus.InvokeAsync<UserFigures>(new GetUserFigures(day.AddDays(1)));

        Assert.Equal(0, before.NewUsers);
        Assert.Equal(2, onDay.NewUsers);
        Assert.Equal(1, nextDay.NewUsers);
        Assert.Equal(before.TotalUsers + 2, onDay.TotalUsers);
        Assert.Equal(onDay.TotalUsers + 1, nextDay.TotalUsers);
        Assert.True(before.TotalUsers >= 1);   // at least the seeded admin
    }
}
