using System.ComponentModel.DataAnnotations;
using PrimeTech.Host.Platform;

namespace PrimeTech.Host.Tests;

/// <summary>
/// The client IP that sessions and rate limits see: X-Forwarded-For is believed only from the
/// proxies listed in Network:KnownProxies (the fixture lists <see cref="HostFixture.KnownProxy"/>).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ClientAddressTests(HostFixture app)
{
    [Theory]
    [InlineData(HostFixture.KnownProxy, "198.51.100.7", "198.51.100.7")]                  // a listed proxy: its client
    [InlineData("203.0.113.9", "198.51.100.7", "203.0.113.9")]                           // anyone else: the header is ignored
    [InlineData(HostFixture.KnownProxy, "192.0.2.66, 198.51.100.8", "198.51.100.8")]      // a forged first entry is not believed
    [InlineData(HostFixture.KnownProxy, "garbage", HostFixture.KnownProxy)]
    [InlineData("172.20.1.2", "198.51.100.7", "198.51.100.7")]                           // inside a listed network
    [InlineData(HostFixture.KnownProxy, "198.51.100.9, 172.31.255.1", "198.51.100.9")]   // two trusted hops
    [InlineData("172.32.0.1", "198.51.100.7", "172.32.0.1")]                             // just outside the network
    public async Task Sessions_record_the_client_address_seen_through_known_proxies_only(string connectedFrom, string forwardedFor, string expected)
    {
        var customer = await app.CreateCustomerAsync(verified: false);

        var signedIn = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = customer.Email, password = customer.Password }).ToUrl("/api/auth/login");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(connectedFrom));
            s.WithRequestHeader("X-Forwarded-For", forwardedFor);
            s.StatusCodeShouldBeOk();
        });
        var token = Accounts.SessionTokenFrom(signedIn.Context.Response.Headers.SetCookie);

        var sessions = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/sessions");
            s.WithRequestHeader("Cookie", (customer with { SessionToken = token }).Cookie);
            s.StatusCodeShouldBeOk();
        });
        var items = JsonDocument.Parse(await sessions.ReadAsTextAsync()).RootElement.GetProperty("items").EnumerateArray();
        var current = items.Single(i => i.GetProperty("current").GetBoolean());
        Assert.Equal(expected, current.GetProperty("ipAddress").GetString());
    }

    [Theory]
    [InlineData(HostFixture.KnownProxy, 401)]   // the proxy's scheme is believed: Origin https://localhost is this site
    [InlineData("203.0.113.9", 403)]            // anyone else's is not: a foreign origin
    public async Task X_forwarded_proto_is_believed_from_known_proxies_only(string connectedFrom, int expected)
    {
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = Accounts.NewEmail(), password = "Wrong-password-1" }).ToUrl("/api/auth/login");
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(connectedFrom));
            s.WithRequestHeader("X-Forwarded-Proto", "https");
            s.WithRequestHeader("Origin", "https://localhost");
            s.StatusCodeShouldBe(expected);
        });
    }

    [Fact]
    public void Known_networks_must_be_in_cidr_notation()
    {
        var problems = new NetworkOptions { KnownNetworks = ["10.0.0.0/8", "fd00::/8", "10.0.0.0", "10.0.0.0/33"] }.Validate(new ValidationContext(new object())).ToList();

        Assert.Equal(["'10.0.0.0' is not a network in CIDR notation.", "'10.0.0.0/33' is not a network in CIDR notation."], problems.Select(p => p.ErrorMessage));
        Assert.All(problems, p => Assert.Equal(["KnownNetworks"], p.MemberNames));
    }

    [Fact]
    public void Known_proxies_must_be_ip_addresses()
    {
        var problems = new NetworkOptions { KnownProxies = ["10.0.0.5", "::1", "proxy.internal"] }.Validate(new ValidationContext(new object())).ToList();

        var problem = Assert.Single(problems);
        Assert.Equal("'proxy.internal' is not an IP address.", problem.ErrorMessage);
        Assert.Equal(["KnownProxies"], problem.MemberNames);
        Assert.Empty(new NetworkOptions { KnownProxies = ["10.0.0.5", "2001:db8::1"] }.Validate(new ValidationContext(new object())));
    }
}
