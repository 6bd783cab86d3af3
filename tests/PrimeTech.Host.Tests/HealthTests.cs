namespace PrimeTech.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class HealthTests(HostFixture app)
{
    [Fact]
    public async Task Live_answers_healthy_without_touching_dependencies()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.StatusCodeShouldBeOk();
        });
        var body = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_checks_postgres_and_s3()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBeOk();
        });
        var checks = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("s3").GetProperty("status").GetString());
    }
}
