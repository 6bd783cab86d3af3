namespace PrimeTech.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class PhaseCChecks(IdentityFixture app)
{
    [Fact]
    public async Task PhaseC_Session_login_me_logout()
    {
        var user = await app.CreateCustomerAsync();

        var me = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/me");
            s.SignedInAs(user);
            s.StatusCodeShouldBeOk();
        });
        var body = await me.ReadAsJsonAsync<MeBody>();
        Assert.Equal(user.Email, body!.Email);
        Assert.True(body.EmailVerified);
        Assert.Equal(["Customer"], body.Roles);

        await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/auth/logout");
            s.SignedInAs(user);
            s.StatusCodeShouldBe(204);
        });

        var after = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/auth/me");
            s.SignedInAs(user);
            s.StatusCodeShouldBe(401);
            s.ContentTypeShouldBe("application/problem+json");
        });
        Assert.Contains("\"code\":\"UNAUTHENTICATED\"", await after.ReadAsTextAsync());
    }

    private sealed record MeBody(Guid Id, string Email, string Name, List<string> Roles, bool EmailVerified);
}
