using PrimeTech.Identity.Sessions;

namespace PrimeTech.Identity.Tests;

/// <summary>Idle and absolute expiry, normal and "keep me signed in", on the fixture's movable clock.</summary>
[Collection(IdentityCollection.Name)]
public sealed class SessionLifetimeTests(IdentityFixture app) : IDisposable
{
    public void Dispose() => app.Clock.Reset();

    [Fact]
    public async Task A_normal_session_ends_after_30_idle_minutes_and_slides_while_used()
    {
        var user = await app.CreateCustomerAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        await app.MeAsync(user, 200);
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        await app.MeAsync(user, 200);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.MeAsync(user, 401);
    }

    [Fact]
    public async Task A_normal_session_ends_12_hours_after_sign_in_even_when_used()
    {
        var user = await app.CreateCustomerAsync();

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(25))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(25));
            await app.MeAsync(user, 200);
        }
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow + TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        await app.MeAsync(user, 401);
    }

    [Fact]
    public async Task Keep_me_signed_in_lasts_14_idle_days_and_30_days_at_most()
    {
        var customer = await app.CreateCustomerAsync();
        var persistent = await app.SignInAsync(customer.Email, customer.Password, rememberMe: true);

        app.Clock.Advance(TimeSpan.FromDays(13));
        await app.MeAsync(persistent, 200);
        await app.MeAsync(customer, 401);
        app.Clock.Advance(TimeSpan.FromDays(13));
        await app.MeAsync(persistent, 200);
        app.Clock.Advance(TimeSpan.FromDays(5));
        await app.MeAsync(persistent, 401);
    }

    [Fact]
    public async Task A_persistent_session_unused_for_more_than_14_days_ends()
    {
        var customer = await app.CreateCustomerAsync();
        var persistent = await app.SignInAsync(customer.Email, customer.Password, rememberMe: true);

        app.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        await app.MeAsync(persistent, 401);
    }

    [Fact]
    public async Task Last_seen_is_written_at_most_once_a_minute()
    {
        var user = await app.CreateCustomerAsync();
        var sessions = await SessionsOf(user);
        var created = sessions.Single().LastSeenAt;

        await app.MeAsync(user, 200);
        Assert.Equal(created, (await SessionsOf(user)).Single().LastSeenAt);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.MeAsync(user, 200);
        Assert.True((await SessionsOf(user)).Single().LastSeenAt >= created + TimeSpan.FromMinutes(2));
    }

    private async Task<IReadOnlyList<UserSession>> SessionsOf(TestUser user)
    {
        await using var session = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<IIdentityStore>(app.Host.Services).QuerySession();
        return await UserSessions.OpenAsync(session, user.Id, CancellationToken.None);
    }
}
