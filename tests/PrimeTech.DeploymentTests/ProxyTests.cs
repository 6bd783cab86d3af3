using System.Text.Json;

namespace PrimeTech.DeploymentTests;

/// <summary>Caddy serves the site over TLS with its own CA; an instance reached over plain http sends pages to https and refuses the API.</summary>
[Collection(DeploymentCollection.Name), Trait("Category", "Deployment")]
public sealed class ProxyTests(Deployment deployment)
{
    [Fact]
    public async Task The_site_answers_over_https_with_a_certificate_from_Caddys_root()
    {
        using var proxy = Deployment.Proxy();

        using var ready = await proxy.GetAsync("/health/ready");
        using var login = await proxy.GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("__RequestVerificationToken", await login.Content.ReadAsStringAsync());
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-pts-af=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_page_over_plain_http_is_redirected_to_the_same_path_under_the_public_https_url(int instance)
    {
        using var plain = deployment.Instance(instance, forwardedHttps: false);

        using var response = await plain.GetAsync("/login?returnUrl=%2Fcart");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"{Deployment.PublicUrl}/login?returnUrl=%2Fcart", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_api_over_plain_http_answers_https_required_and_health_still_answers()
    {
        using var plain = deployment.Instance(1, forwardedHttps: false);

        using var api = await plain.GetAsync("/api/products");
        using var health = await plain.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal("HTTPS_REQUIRED", JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
