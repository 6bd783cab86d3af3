namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class AdminLicenceTests(LicensingFixture app)
{
    private readonly Purchases _purchases = new(app);
    private readonly LicenceApiClient _api = new(app);

    private async Task<JsonElement> GetJsonAsync(TestUser user, string url, int status = 200)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.SignedInAs(user);
            s.StatusCodeShouldBe(status);
        });
        return JsonDocument.Parse(result.ReadAsText()).RootElement.Clone();
    }

    private async Task<JsonElement> PostJsonAsync(TestUser user, string url, object? body, int status = 200)
    {
        var result = await app.Host.Scenario(s =>
        {
            if (body is null) s.Post.Url(url);
            else s.Post.Json(body).ToUrl(url);
            s.SignedInAs(user);
            s.StatusCodeShouldBe(status);
        });
        return JsonDocument.Parse(result.ReadAsText()).RootElement.Clone();
    }

    [Fact]
    public async Task Admins_search_by_exact_key_by_email_and_by_order_number()
    {
        var admin = await app.SignInAdminAsync();
        var marker = Guid.NewGuid().ToString("N")[..10];
        var email = $"Licence-Search-{marker}@Example.test";
        var paid = Purchases.Paid(email: email, lines: [Purchases.Licensed(quantity: 2)]);
        await _purchases.PublishAsync(paid);
        var licences = await _purchases.LicencesAsync(paid.OrderId);

        var byKey = await GetJsonAsync(admin, $"/api/admin/licences?q=%20{licences[0].Key.ToLowerInvariant()}%20");
        Assert.Equal(licences[0].Key, Assert.Single(byKey.GetProperty("items").EnumerateArray()).GetProperty("licenceKey").GetString());

        var byEmail = await GetJsonAsync(admin, $"/api/admin/licences?q={marker.ToUpperInvariant()}");
        Assert.Equal(2, byEmail.GetProperty("totalCount").GetInt32());
        var item = byEmail.GetProperty("items")[0];
        Assert.Equal(email.ToLowerInvariant(), item.GetProperty("userEmail").GetString());
        Assert.Equal(paid.CustomerId, item.GetProperty("userId").GetGuid());
        Assert.False(item.TryGetProperty("history", out _));

        var byOrder = await GetJsonAsync(admin, $"/api/admin/licences?q={paid.OrderNumber.ToLowerInvariant()}&status=active&pageSize=1&page=2");
        Assert.Equal(2, byOrder.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, byOrder.GetProperty("page").GetInt32());
        Assert.Equal(1, byOrder.GetProperty("pageSize").GetInt32());
        Assert.Single(byOrder.GetProperty("items").EnumerateArray());
        Assert.False(byOrder.TryGetProperty("pageCount", out _));

        var revoked = await GetJsonAsync(admin, $"/api/admin/licences?q={paid.OrderNumber}&status=Revoked");
        Assert.Equal(0, revoked.GetProperty("totalCount").GetInt32());

        var invalid = await GetJsonAsync(admin, "/api/admin/licences?status=Lost&pageSize=101", 400);
        Assert.Equal("VALIDATION_FAILED", invalid.GetProperty("code").GetString());
        Assert.Equal("Choose a status from the list", invalid.GetProperty("errors").GetProperty("status")[0].GetString());
        Assert.Equal("Page size must be between 1 and 100", invalid.GetProperty("errors").GetProperty("pageSize")[0].GetString());
    }

    [Fact]
    public async Task Admin_licence_endpoints_need_the_admin_role()
    {
        var customer = await app.CreateCustomerAsync();
        var (_, licence) = await _purchases.LicenceAsync(customer.Id, customer.Email);

        foreach (var url in new[] { "/api/admin/licences", $"/api/admin/licences/{licence.Key}" })
        {
            await app.Host.Scenario(s => { s.Get.Url(url); s.StatusCodeShouldBe(401); });
            Assert.Equal("FORBIDDEN", (await GetJsonAsync(customer, url, 403)).GetProperty("code").GetString());
        }
        Assert.Equal("FORBIDDEN",
            (await PostJsonAsync(customer, $"/api/admin/licences/{licence.Key}/revoke", new { reason = "mine now" }, 403)).GetProperty("code").GetString());
        Assert.Equal(LicenceStatus.Active, (await _purchases.LicenceAsync(licence.Key)).Status);
    }

    [Fact]
    public async Task Revoke_reinstate_and_reset_are_recorded_with_who_and_when()
    {
        var admin = await app.SignInAdminAsync();
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();
        await _api.ActivateAsync(licence.Key, fingerprint, "Shop till");
        var url = $"/api/admin/licences/{licence.Key}";

        var revoked = await PostJsonAsync(admin, url + "/revoke", new { reason = "  Chargeback from the bank  " });
        Assert.Equal("Revoked", revoked.GetProperty("status").GetString());
        Assert.Equal("Chargeback from the bank", revoked.GetProperty("revokedReason").GetString());
        Assert.Equal("REVOKED", (await _api.ValidateAsync(licence.Key, fingerprint)).String("code"));

        var again = await PostJsonAsync(admin, url + "/revoke", new { reason = "Twice" }, 409);
        Assert.Equal("INVALID_STATUS_TRANSITION", again.GetProperty("code").GetString());

        var reinstated = await PostJsonAsync(admin, url + "/reinstate", new { reason = "Bank reversed the chargeback" });
        Assert.Equal("Active", reinstated.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, reinstated.GetProperty("revokedAt").ValueKind);
        Assert.Equal("INVALID_STATUS_TRANSITION",
            (await PostJsonAsync(admin, url + "/reinstate", new { reason = "Twice" }, 409)).GetProperty("code").GetString());
        Assert.Equal("VALID", (await _api.ValidateAsync(licence.Key, fingerprint)).String("code"));

        var reset = await PostJsonAsync(admin, url + "/reset", new { reason = "Customer's PC was stolen" });
        Assert.Equal(JsonValueKind.Null, reset.GetProperty("activation").ValueKind);
        await PostJsonAsync(admin, url + "/reset", new { });

        var detail = await GetJsonAsync(admin, url.ToLowerInvariant());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Issued", "Activated", "Revoked", "Reinstated", "Reset"], history.Select(h => h.GetProperty("action").GetString()));
        foreach (var entry in history.Skip(2))
        {
            Assert.Equal("Admin", entry.GetProperty("byRole").GetString());
            Assert.Equal(admin.Id, entry.GetProperty("byUserId").GetGuid());
            Assert.True(entry.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        }
        Assert.Equal("Chargeback from the bank", history[2].GetProperty("reason").GetString());
        Assert.Equal("Customer's PC was stolen", history[4].GetProperty("reason").GetString());
        Assert.Equal(fingerprint, history[4].GetProperty("fingerprint").GetString());
        Assert.Equal("Shop till", history[4].GetProperty("machineName").GetString());
    }

    [Fact]
    public async Task Reasons_are_validated_and_unknown_keys_are_404()
    {
        var admin = await app.SignInAdminAsync();
        var (_, licence) = await _purchases.LicenceAsync();

        var missing = await PostJsonAsync(admin, $"/api/admin/licences/{licence.Key}/revoke", new { reason = "   " }, 400);
        Assert.Equal("Enter a reason", missing.GetProperty("errors").GetProperty("reason")[0].GetString());
        var tooLong = await PostJsonAsync(admin, $"/api/admin/licences/{licence.Key}/reset", new { reason = new string('r', 501) }, 400);
        Assert.Equal("Reason must be 500 characters or fewer", tooLong.GetProperty("errors").GetProperty("reason")[0].GetString());

        await PostJsonAsync(admin, "/api/admin/licences/LIC-ZZZZ-ZZZZ-ZZZZ/revoke", new { reason = "x" }, 404);
        await PostJsonAsync(admin, "/api/admin/licences/not-a-key/reinstate", new { reason = "x" }, 404);
        await GetJsonAsync(admin, "/api/admin/licences/LIC-ZZZZ-ZZZZ-ZZZZ", 404);
        Assert.Equal(LicenceStatus.Active, (await _purchases.LicenceAsync(licence.Key)).Status);
    }

    [Fact]
    public async Task The_admin_pages_search_show_and_revoke_a_licence()
    {
        var admin = await app.SignInAdminAsync();
        var (paid, licence) = await _purchases.LicenceAsync();
        await _api.ActivateAsync(licence.Key, LicenceApiClient.NewFingerprint(), "Front desk");
        var pages = PageVisitor.For(app, admin);
        var detailUrl = $"/admin/licences/{licence.Key}";

        var list = await pages.GetAsync($"/admin/licences?q={paid.OrderNumber}");
        Assert.Contains($"href=\"{detailUrl}\"", list.Html);
        Assert.Contains("Front desk", list.Text());
        Assert.Contains("aria-label=\"Admin\"", list.Html);

        var detail = await pages.GetAsync(detailUrl);
        Assert.Contains($"<title>Licence {licence.Key} — Prime Tech Services</title>", detail.Html);
        Assert.Contains("Front desk", detail.Text());

        var noReason = await pages.PostFormAsync(detailUrl + "?handler=Revoke", Form.Of(("Revoke.Reason", "")), 400, detailUrl);
        Assert.Contains("Enter a reason", noReason.Text());

        var noConfirm = await pages.PostFormAsync(detailUrl + "?handler=Reset", Form.Of(("Reset.Reason", "PC replaced")), 400, detailUrl);
        Assert.Contains("Confirm that you want to reset the activation", noConfirm.Text());

        var revoked = await pages.PostFormAsync(detailUrl + "?handler=Revoke", Form.Of(("Revoke.Reason", "Fraudulent order")), 303, detailUrl);
        var after = await pages.GetAsync(revoked.Location);
        Assert.Contains($"Licence {licence.Key} revoked.", after.Text());
        Assert.Contains("Fraudulent order", after.Text());
        Assert.Contains("Reinstate this licence", after.Text());

        var reset = await pages.PostFormAsync(detailUrl + "?handler=Reset", Form.Of(("Reset.Confirm", "true")), 303, detailUrl);
        Assert.Contains("Activation reset.", (await pages.GetAsync(reset.Location)).Text());
        Assert.Null((await _purchases.LicenceAsync(licence.Key)).Activation);
    }

    [Fact]
    public async Task Customers_get_403_on_admin_licence_pages()
    {
        var customer = await app.CreateCustomerAsync();

        await PageVisitor.For(app, customer).GetAsync("/admin/licences", expectedStatus: 403);
    }
}
