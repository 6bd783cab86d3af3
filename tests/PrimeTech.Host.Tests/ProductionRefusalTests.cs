namespace PrimeTech.Host.Tests;

/// <summary>
/// The real executable in the Production environment refuses the development values, one start-up
/// message per key. Each case starts from settings Production accepts and changes one key, so the
/// message names exactly that key.
/// </summary>
public sealed class ProductionRefusalTests
{
    private static readonly string[] RefusableKeys =
        ["Stripe:SecretKey", "Stripe:WebhookSecret", "Stripe:ApiBase", "Site:PublicUrl", "Seller:VatNumber", "S3:SecretKey"];

    [Theory]
    [InlineData("Stripe:SecretKey", "sk_test_local", "Stripe:SecretKey")]
    [InlineData("Stripe:WebhookSecret", "whsec_local", "Stripe:WebhookSecret")]
    [InlineData("Stripe:ApiBase", "http://stripe.example.com", "Stripe:ApiBase")]
    [InlineData("Site:PublicUrl", "http://shop.example.co.uk", "Site:PublicUrl")]
    [InlineData("Seller:VatNumber", "GB123456789", "Seller:VatNumber")]
    [InlineData("S3:AccessKey", "minioadmin", "S3:SecretKey")]
    public async Task Production_does_not_start_with_a_development_value_and_names_its_key(string key, string value, string named)
    {
        var production = ProductionSettings();
        production.Settings[key] = value;
        if (key == "S3:AccessKey") production.Settings["S3:SecretKey"] = "minioadmin";

        var result = await production.RunHostCommandAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Configuration key '{named}':", result.Error);
        foreach (var other in RefusableKeys.Where(k => k != named))
            Assert.DoesNotContain($"Configuration key '{other}'", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Development_values_are_refused_all_at_once_in_one_start()
    {
        var production = ProductionSettings();
        production.Settings["Stripe:SecretKey"] = "sk_test_local";
        production.Settings["Seller:VatNumber"] = "GB123456789";

        var result = await production.RunHostCommandAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration key 'Stripe:SecretKey':", result.Error);
        Assert.Contains("Configuration key 'Seller:VatNumber':", result.Error);
    }

    [Fact]
    public async Task Production_does_not_start_without_a_licence_signing_key_and_names_it()
    {
        var production = ProductionSettings();
        production.Settings["Licensing:SigningKeys:0:PrivateKey"] = "";

        var result = await production.RunHostCommandAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Configuration key 'Licensing:SigningKeys:0:PrivateKey'", result.Error);
        Assert.Contains("keys generate", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    /// <summary>
    /// Values Production accepts: https or loopback addresses (the Stripe base on loopback too), a
    /// seller VAT number of its own, no dev secrets. The database is unreachable, so a start that
    /// passed validation would still end.
    /// </summary>
    private static AppFixture ProductionSettings()
    {
        var fixture = new AppFixture { HostEnvironment = "Production" };
        fixture.Settings["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere;Timeout=3";
        fixture.Settings["Stripe:ApiBase"] = "http://127.0.0.1:9";
        fixture.Settings["Seller:VatNumber"] = "GB999999973";
        fixture.Settings["urls"] = "http://127.0.0.1:0";
        return fixture;
    }
}
