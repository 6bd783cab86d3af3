namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class CustomerLicenceTests(LicensingFixture app)
{
    private readonly Purchases _purchases = new(app);
    private readonly LicenceApiClient _api = new(app);

    private sealed record LicenceList(List<CustomerLicence> Items);

    private sealed record CustomerLicence(
        string LicenceKey, string ProductSku, string ProductName, string OrderNumber, string Status, DateTimeOffset IssuedAt,
        int MaxActivations, CustomerActivation? Activation);

    private sealed record CustomerActivation(string? MachineName, DateTimeOffset ActivatedAt, DateTimeOffset? LastValidatedAt);

    [Fact]
    public async Task A_customer_lists_their_own_licences_newest_first_without_fingerprints()
    {
        var customer = await app.CreateCustomerAsync();
        var (_, older) = await _purchases.LicenceAsync(customer.Id, customer.Email);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (_, var newer) = await _purchases.LicenceAsync(customer.Id, customer.Email);
        app.Clock.Reset();
        await _purchases.LicenceAsync();
        await _api.ActivateAsync(older.Key, LicenceApiClient.NewFingerprint(), "Laptop");

        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/licences");
            s.SignedInAs(customer);
            s.StatusCodeShouldBeOk();
            s.Header("Cache-Control").SingleValueShouldEqual("no-store");
        });

        var list = (await result.ReadAsJsonAsync<LicenceList>())!;
        Assert.Equal([newer.Key, older.Key], list.Items.Select(l => l.LicenceKey));
        var activated = list.Items[1];
        Assert.Equal("Active", activated.Status);
        Assert.Equal(1, activated.MaxActivations);
        Assert.Equal(older.OrderNumber, activated.OrderNumber);
        Assert.Equal("Laptop", activated.Activation!.MachineName);
        Assert.DoesNotContain("fingerprint", result.ReadAsText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Licences_need_a_session()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/licences");
            s.StatusCodeShouldBe(401);
        });
        await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/licences/LIC-0000-0000-0000/release");
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task The_customer_releases_the_machine_so_another_can_activate()
    {
        var customer = await app.CreateCustomerAsync();
        var (_, licence) = await _purchases.LicenceAsync(customer.Id, customer.Email);
        await _api.ActivateAsync(licence.Key, LicenceApiClient.NewFingerprint(), "Old PC");

        var result = await app.Host.Scenario(s =>
        {
            s.Post.Url($"/api/licences/{licence.Key.ToLowerInvariant()}/release");
            s.SignedInAs(customer);
            s.StatusCodeShouldBeOk();
        });
        await app.Host.Scenario(s =>
        {
            s.Post.Url($"/api/licences/{licence.Key}/release");
            s.SignedInAs(customer);
            s.StatusCodeShouldBeOk();
        });

        var view = (await result.ReadAsJsonAsync<CustomerLicence>())!;
        Assert.Null(view.Activation);
        var stored = await _purchases.LicenceAsync(licence.Key);
        var released = Assert.Single(stored.History, h => h.Action == LicenceAction.Released);
        Assert.Equal(LicenceActor.Customer, released.ByRole);
        Assert.Equal(customer.Id, released.ByUserId);
        Assert.Equal("Old PC", released.MachineName);
        Assert.Equal(HttpStatusCode.OK, (await _api.ActivateAsync(licence.Key, LicenceApiClient.NewFingerprint(), "New PC")).Status);
    }

    [Fact]
    public async Task Another_customers_licence_or_a_malformed_key_is_not_found()
    {
        var owner = await app.CreateCustomerAsync();
        var stranger = await app.CreateCustomerAsync();
        var (_, licence) = await _purchases.LicenceAsync(owner.Id, owner.Email);
        var fingerprint = LicenceApiClient.NewFingerprint();
        await _api.ActivateAsync(licence.Key, fingerprint);

        foreach (var key in new[] { licence.Key, "LIC-NOPE" })
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Url($"/api/licences/{key}/release");
                s.SignedInAs(stranger);
                s.StatusCodeShouldBe(404);
            });
            Assert.Contains("\"code\":\"NOT_FOUND\"", result.ReadAsText());
        }
        Assert.Equal(fingerprint, (await _purchases.LicenceAsync(licence.Key)).Activation!.Fingerprint);
    }

    [Fact]
    public async Task A_revoked_licence_cannot_be_released()
    {
        var customer = await app.CreateCustomerAsync();
        var (paid, licence) = await _purchases.LicenceAsync(customer.Id, customer.Email);
        await _api.ActivateAsync(licence.Key, LicenceApiClient.NewFingerprint());
        await _purchases.PublishAsync(Purchases.Refund(paid));

        var result = await app.Host.Scenario(s =>
        {
            s.Post.Url($"/api/licences/{licence.Key}/release");
            s.SignedInAs(customer);
            s.StatusCodeShouldBe(403);
        });
        Assert.Contains("LICENCE_REVOKED", result.ReadAsText());
    }

    [Fact]
    public async Task The_licences_page_shows_each_key_and_machine_and_releases_after_confirmation()
    {
        var customer = await app.CreateCustomerAsync();
        var (_, licence) = await _purchases.LicenceAsync(customer.Id, customer.Email);
        await _api.ActivateAsync(licence.Key, LicenceApiClient.NewFingerprint(), "Reception PC");
        var pages = PageVisitor.For(app, customer);

        var page = await pages.GetAsync("/account/licences");
        Assert.Contains("<title>Licences — Prime Tech Services</title>", page.Html);
        Assert.Contains($"<code id=\"key-{licence.Key}\">{licence.Key}</code>", page.Html);
        Assert.Contains("data-copy=\"key-" + licence.Key + "\"", page.Html);
        Assert.Contains("/js/copy.js", page.Html);
        Assert.Contains("Activated on Reception PC since", page.Text());

        const string release = "/account/licences?handler=Release";
        var unconfirmed = await pages.PostFormAsync(release, Form.Of(("licenceKey", licence.Key)), 400, "/account/licences");
        Assert.Contains("There is a problem", unconfirmed.Html);
        Assert.Contains("Confirm that you want to release this machine", unconfirmed.Html);
        Assert.NotNull((await _purchases.LicenceAsync(licence.Key)).Activation);

        var released = await pages.PostFormAsync(release, Form.Of(("licenceKey", licence.Key), ("confirm", "true")), 303, "/account/licences");
        Assert.Equal("/account/licences", released.Location);
        var after = await pages.GetAsync("/account/licences");
        Assert.Contains($"The licence {licence.Key} can now be activated on another computer.", after.Text());
        Assert.Contains("Not activated", after.Text());
        Assert.Null((await _purchases.LicenceAsync(licence.Key)).Activation);
    }

    [Fact]
    public async Task The_licences_page_says_when_there_are_none()
    {
        var customer = await app.CreateCustomerAsync();

        var page = await PageVisitor.For(app, customer).GetAsync("/account/licences");

        Assert.Contains("You have no licences yet. Licences for software you buy appear here.", page.Text());
    }
}
