using System.Net;

namespace PrimeTech.Identity.Tests;

/// <summary>
/// With <c>Network:KnownProxies</c> and <c>Network:KnownNetworks</c> empty (the default, and this
/// fixture's), no sender's <c>X-Forwarded-For</c> or <c>X-Forwarded-Proto</c> is believed. Each test
/// lowers the auth limit to 3 a minute and connects from an address of its own, so the limit is its alone.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class UntrustedForwardedHeaderTests(IdentityFixture app) : IDisposable
{
    private readonly IDisposable _loweredAuthLimit = app.Override(("RateLimits:Auth:PermitLimit", "3"), ("RateLimits:Auth:Window", "00:01:00"));

    public void Dispose() => _loweredAuthLimit.Dispose();

    [Fact]
    public async Task Rotating_x_forwarded_for_does_not_escape_the_per_ip_sign_in_limit()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var attempt = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { email = Accounts.NewEmail(), password = "Wrong-password-1" }).ToUrl("/api/auth/login");
                s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.61"));
                s.WithRequestHeader("X-Forwarded-For", $"198.51.100.{10 + i}");
                s.IgnoreStatusCode();
            });
            statuses.Add(attempt.Context.Response.StatusCode);
        }

        Assert.Equal([401, 401, 401, 429, 429, 429], statuses);
    }

    [Fact]
    public async Task Sessions_record_the_connected_address_not_the_forwarded_one()
    {
        var connected = IPAddress.Parse("203.0.113.62");
        var email = Accounts.NewEmail();
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, name = "Spoofer", password = Accounts.DefaultPassword }).ToUrl("/api/auth/register");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = connected);
            s.StatusCodeShouldBe(202);
        });
        var signedIn = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email, password = Accounts.DefaultPassword }).ToUrl("/api/auth/login");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = connected);
            s.WithRequestHeader("X-Forwarded-For", "198.51.100.7");
            s.StatusCodeShouldBeOk();
        });
        var cookie = new TestUser(Guid.Empty, email, "", "", Accounts.SessionTokenFrom(signedIn.Context.Response.Headers.SetCookie));

        var sessions = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/sessions");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = connected);
            s.WithRequestHeader("X-Forwarded-For", "198.51.100.8");
            s.SignedInAs(cookie);
            s.StatusCodeShouldBeOk();
        });
        var current = (await sessions.JsonAsync()).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("current").GetBoolean());
        Assert.Equal("203.0.113.62", current.GetProperty("ipAddress").GetString());
    }

    [Fact]
    public async Task A_spoofed_x_forwarded_proto_does_not_change_the_scheme()
    {
        // The cross-site guard accepts an Origin equal to {scheme}://{host}: https://localhost would
        // pass only if the forged scheme were believed.
        var attempt = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = Accounts.NewEmail(), password = "Wrong-password-1" }).ToUrl("/api/auth/login");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.63"));
            s.WithRequestHeader("X-Forwarded-Proto", "https");
            s.WithRequestHeader("Origin", "https://localhost");
            s.StatusCodeShouldBe(403);
        });

        await attempt.AssertProblemAsync("CSRF_REJECTED");
    }
}
