namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class LicenceApiTests(LicensingFixture app)
{
    private readonly Purchases _purchases = new(app);
    private readonly LicenceApiClient _api = new(app);

    [Fact]
    public async Task Activate_answers_the_activation_and_stores_it_with_its_history()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();

        var answer = await _api.ActivateAsync(licence.Key, fingerprint, "  Reception PC  ");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(licence.Key, answer.String("licenceKey"));
        Assert.Equal("Active", answer.String("status"));
        Assert.Equal(licence.ProductSku, answer.String("productSku"));
        Assert.Equal(licence.ProductName, answer.String("productName"));
        Assert.Equal("Reception PC", answer.String("machineName"));
        Assert.EndsWith("Z", answer.String("activatedAt"));

        var stored = await _purchases.LicenceAsync(licence.Key);
        Assert.Equal(fingerprint, stored.Activation!.Fingerprint);
        Assert.Equal("Reception PC", stored.Activation.MachineName);
        var activated = stored.History[^1];
        Assert.Equal(LicenceAction.Activated, activated.Action);
        Assert.Equal(LicenceActor.Software, activated.ByRole);
        Assert.Equal(fingerprint, activated.Fingerprint);
    }

    [Fact]
    public async Task The_same_fingerprint_again_is_idempotent_and_only_a_new_machine_name_is_written()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();
        var first = await _api.ActivateAsync(licence.Key, fingerprint, "Old name");

        var again = await _api.ActivateAsync(licence.Key, fingerprint);
        var renamed = await _api.ActivateAsync(licence.Key, fingerprint, "New name");

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Equal(first.String("activatedAt"), renamed.String("activatedAt"));
        Assert.Equal("New name", renamed.String("machineName"));
        var stored = await _purchases.LicenceAsync(licence.Key);
        Assert.Single(stored.History, h => h.Action == LicenceAction.Activated);
        Assert.Equal("New name", stored.Activation!.MachineName);
    }

    [Fact]
    public async Task Another_machine_is_refused_until_the_first_deactivates()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var first = LicenceApiClient.NewFingerprint();
        var second = LicenceApiClient.NewFingerprint();
        await _api.ActivateAsync(licence.Key, first);

        var refused = await _api.ActivateAsync(licence.Key, second);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("application/problem+json", refused.MediaType);
        Assert.Equal("LICENCE_ACTIVATION_LIMIT_REACHED", refused.Code);

        var wrongMachine = await _api.DeactivateAsync(licence.Key, second);
        Assert.Equal(HttpStatusCode.Conflict, wrongMachine.Status);
        Assert.Equal("LICENCE_FINGERPRINT_MISMATCH", wrongMachine.Code);

        var deactivated = await _api.DeactivateAsync(licence.Key, first);
        Assert.Equal(HttpStatusCode.OK, deactivated.Status);
        Assert.Equal(licence.Key, deactivated.String("licenceKey"));
        Assert.False(deactivated.Bool("activated"));

        var again = await _api.DeactivateAsync(licence.Key, first);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.False(again.Bool("activated"));

        Assert.Equal(HttpStatusCode.OK, (await _api.ActivateAsync(licence.Key, second)).Status);
        var stored = await _purchases.LicenceAsync(licence.Key);
        Assert.Equal(second, stored.Activation!.Fingerprint);
        Assert.Equal(
            [LicenceAction.Issued, LicenceAction.Activated, LicenceAction.Deactivated, LicenceAction.Activated],
            stored.History.Select(h => h.Action));
    }

    [Fact]
    public async Task Validate_answers_each_code()
    {
        var (paid, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();

        await AssertCheck(await _api.ValidateAsync(licence.Key, fingerprint), false, "NOT_ACTIVATED", licence);
        await _api.ActivateAsync(licence.Key, fingerprint);
        await AssertCheck(await _api.ValidateAsync(licence.Key, fingerprint), true, "VALID", licence);
        await AssertCheck(await _api.ValidateAsync(licence.Key, LicenceApiClient.NewFingerprint()), false, "FINGERPRINT_MISMATCH", licence);
        await _purchases.PublishAsync(Purchases.Refund(paid));
        await AssertCheck(await _api.ValidateAsync(licence.Key, fingerprint), false, "REVOKED", licence);

        var unknown = await _api.ValidateAsync("LIC-0000-0000-0000", fingerprint);
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal("LIC-0000-0000-0000", unknown.String("licenceKey"));
        Assert.False(unknown.Bool("valid"));
        Assert.Equal("LICENCE_NOT_FOUND", unknown.String("code"));
        Assert.Equal(JsonValueKind.Null, unknown.Body.GetProperty("productSku").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.Body.GetProperty("productName").ValueKind);
        Assert.EndsWith("Z", unknown.String("checkedAt"));
    }

    private static Task AssertCheck(ApiAnswer answer, bool valid, string code, Licence licence)
    {
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(valid, answer.Bool("valid"));
        Assert.Equal(code, answer.String("code"));
        Assert.Equal(licence.Key, answer.String("licenceKey"));
        Assert.Equal(licence.ProductSku, answer.String("productSku"));
        Assert.Equal(licence.ProductName, answer.String("productName"));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Validate_never_activates_and_records_the_check_in_at_most_hourly()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();

        await _api.ValidateAsync(licence.Key, fingerprint);
        Assert.Null((await _purchases.LicenceAsync(licence.Key)).Activation);

        await _api.ActivateAsync(licence.Key, fingerprint);
        await _api.ValidateAsync(licence.Key, fingerprint);
        var firstCheck = (await _purchases.LicenceAsync(licence.Key)).Activation!.LastValidatedAt;
        Assert.NotNull(firstCheck);

        await _api.ValidateAsync(licence.Key, fingerprint);
        Assert.Equal(firstCheck, (await _purchases.LicenceAsync(licence.Key)).Activation!.LastValidatedAt);

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        try
        {
            await _api.ValidateAsync(licence.Key, fingerprint);
            Assert.True((await _purchases.LicenceAsync(licence.Key)).Activation!.LastValidatedAt > firstCheck);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    public static TheoryData<string?> MalformedKeys => new()
    {
        null,
        "",
        "   ",
        "LIC-ABCD-EFGH",
        "LIC-ABCD-EFGH-JKMNP",
        "LIC-ABCD-EFGH-JKM",
        "LIC-ABCD-EFGH-IJKL",
        "LIC-ABCD-EFGH-JKMO",
        "LIC-ABCD-EFGH-JKMU",
        "LIX-ABCD-EFGH-JKMN",
        "LIC ABCD EFGH JKMN",
        "LIC-ABCD-EFGH-JK N",
        "LICABCDEFGHJKMN",
        "LIC-ABCD_EFGH-JKMN",
        "LIC-ÀBCD-EFGH-JKMN",
    };

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task A_malformed_key_is_400_INVALID_LICENCE_KEY_on_every_licence_endpoint(string? key)
    {
        var fingerprint = LicenceApiClient.NewFingerprint();
        foreach (var answer in new[]
                 {
                     await _api.ActivateAsync(key, fingerprint), await _api.ValidateAsync(key, fingerprint),
                     await _api.DeactivateAsync(key, fingerprint),
                 })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal("application/problem+json", answer.MediaType);
            Assert.Equal("INVALID_LICENCE_KEY", answer.Code);
            Assert.Equal("The licence key is not valid.", answer.String("title"));
            Assert.Equal("/problems/invalid-licence-key", answer.String("type"));
        }
    }

    [Fact]
    public async Task A_key_is_trimmed_and_upper_cased_and_nothing_else_is_forgiven()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();

        var nearMiss = licence.Key[..^1] + (licence.Key[^1] == '0' ? "O" : "I");
        Assert.Equal("INVALID_LICENCE_KEY", (await _api.ActivateAsync(nearMiss, fingerprint)).Code);
        Assert.Null((await _purchases.LicenceAsync(licence.Key)).Activation);

        var typed = $"  {licence.Key.ToLowerInvariant()}\t";
        var activated = await _api.ActivateAsync(typed, fingerprint);
        Assert.Equal(HttpStatusCode.OK, activated.Status);
        Assert.Equal(licence.Key, activated.String("licenceKey"));
    }

    [Fact]
    public async Task Unknown_keys_are_404_LICENCE_NOT_FOUND_for_activate_and_deactivate()
    {
        var fingerprint = LicenceApiClient.NewFingerprint();
        var activate = await _api.ActivateAsync("LIC-ZZZZ-ZZZZ-ZZZZ", fingerprint);
        var deactivate = await _api.DeactivateAsync("LIC-ZZZZ-ZZZZ-ZZZZ", fingerprint);

        Assert.Equal(HttpStatusCode.NotFound, activate.Status);
        Assert.Equal("LICENCE_NOT_FOUND", activate.Code);
        Assert.Equal(HttpStatusCode.NotFound, deactivate.Status);
        Assert.Equal("LICENCE_NOT_FOUND", deactivate.Code);
    }

    [Fact]
    public async Task A_revoked_licence_cannot_be_activated_or_deactivated()
    {
        var (paid, licence) = await _purchases.LicenceAsync();
        var fingerprint = LicenceApiClient.NewFingerprint();
        await _api.ActivateAsync(licence.Key, fingerprint);
        await _purchases.PublishAsync(Purchases.Refund(paid));

        var activate = await _api.ActivateAsync(licence.Key, LicenceApiClient.NewFingerprint());
        var deactivate = await _api.DeactivateAsync(licence.Key, fingerprint);

        Assert.Equal(HttpStatusCode.Forbidden, activate.Status);
        Assert.Equal("LICENCE_REVOKED", activate.Code);
        Assert.Equal(HttpStatusCode.Forbidden, deactivate.Status);
        Assert.Equal("LICENCE_REVOKED", deactivate.Code);
        Assert.Equal(fingerprint, (await _purchases.LicenceAsync(licence.Key)).Activation!.Fingerprint);
    }

    public static TheoryData<string?, string> BadFingerprints => new()
    {
        { null, "Enter the machine fingerprint" },
        { "", "Enter the machine fingerprint" },
        { "too-short-15-ch", "Fingerprint must be 16 to 128 characters: letters, numbers and + / = _ : . -" },
        { new string('a', 129), "Fingerprint must be 16 to 128 characters: letters, numbers and + / = _ : . -" },
        { "has spaces in the fingerprint", "Fingerprint must be 16 to 128 characters: letters, numbers and + / = _ : . -" },
        { "semi;colons;are;not;allowed", "Fingerprint must be 16 to 128 characters: letters, numbers and + / = _ : . -" },
    };

    [Theory]
    [MemberData(nameof(BadFingerprints))]
    public async Task A_bad_fingerprint_is_400_VALIDATION_FAILED_with_the_field_message(string? fingerprint, string message)
    {
        var (_, licence) = await _purchases.LicenceAsync();
        foreach (var answer in new[]
                 {
                     await _api.ActivateAsync(licence.Key, fingerprint), await _api.ValidateAsync(licence.Key, fingerprint),
                     await _api.DeactivateAsync(licence.Key, fingerprint),
                 })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal("VALIDATION_FAILED", answer.Code);
            Assert.Equal(message, answer.Body.GetProperty("errors").GetProperty("fingerprint")[0].GetString());
        }
        Assert.Null((await _purchases.LicenceAsync(licence.Key)).Activation);
    }

    [Fact]
    public async Task Every_allowed_fingerprint_character_is_accepted_and_compared_exactly()
    {
        var (_, licence) = await _purchases.LicenceAsync();
        const string fingerprint = "Az09+/=_:.-Az09+/=_:.-";

        Assert.Equal(HttpStatusCode.OK, (await _api.ActivateAsync(licence.Key, fingerprint)).Status);
        Assert.Equal("FINGERPRINT_MISMATCH", (await _api.ValidateAsync(licence.Key, fingerprint.ToLowerInvariant())).String("code"));
        Assert.Equal("VALID", (await _api.ValidateAsync(licence.Key, fingerprint)).String("code"));
    }

    [Fact]
    public async Task A_machine_name_over_100_characters_is_refused()
    {
        var (_, licence) = await _purchases.LicenceAsync();

        var answer = await _api.ActivateAsync(licence.Key, LicenceApiClient.NewFingerprint(), new string('m', 101));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Machine name must be 100 characters or fewer",
            answer.Body.GetProperty("errors").GetProperty("machineName")[0].GetString());
        Assert.Null((await _purchases.LicenceAsync(licence.Key)).Activation);
    }

    [Fact]
    public async Task The_licence_API_needs_a_JSON_body()
    {
        using var client = app.Host.Server.CreateClient();
        using var text = await client.PostAsync("/api/licences/activate", new StringContent("licenceKey=LIC-0000-0000-0000"));
        using var broken = await client.PostAsync("/api/licences/validate",
            new StringContent("{\"licenceKey\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("MALFORMED_REQUEST", await broken.Content.ReadAsStringAsync());
    }
}
