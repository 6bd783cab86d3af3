namespace PrimeTech.HostileClientTests;

/// <summary>
/// Hostile text that is valid input is kept exactly as typed and shown encoded wherever it appears;
/// CR/LF in names that reach email headers and calendar files never becomes a header or a property;
/// and spoofed Host and forwarded headers neither move the site's links nor the recorded address.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class StoredLiterallyTests(HostileFixture app)
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_name_full_of_markup_sql_and_unicode_is_stored_literally_and_shown_encoded()
    {
        var name = $"{Markup} O'Brien\"; DROP TABLE mt_doc_user;-- \u202Eevil é 😀";
        var customer = await app.CreateCustomerAsync(name: name);

        using var client = app.ClientFor(customer);
        var me = await World.ReadAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        Assert.Equal(name, me.GetProperty("name").GetString());

        var profile = await PageVisitor.For(app, customer).GetAsync("/account/profile");
        var adminPage = await PageVisitor.For(app, app.World.Admin).GetAsync($"/admin/users/{customer.Id}");
        foreach (var html in new[] { profile.Html, adminPage.Html })
        {
            Assert.DoesNotContain(Markup, html);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt; O&#x27;Brien", html);
        }
    }

    [Fact]
    public async Task CR_LF_in_a_name_never_adds_an_email_header_or_a_recipient()
    {
        var attacker = Accounts.NewEmail("bcc-target");
        var email = Accounts.NewEmail("crlf");
        var (status, text) = await HostileClient.SendAsync(app, null, "POST", "/api/auth/register",
            new { email, name = $"Eve\r\nBcc: {attacker}\r\nSubject: Free money", password = Accounts.DefaultPassword });

        if (status == 202)
        {
            var delivered = await app.Mail.WaitForAsync(email);
            Assert.Equal([email], delivered.Envelope!.To.Select(t => t.Address));
            Assert.False(delivered.Headers?.ContainsKey("bcc") ?? false);
            Assert.Equal("Verify your email address", delivered.Subject);
        }
        else
        {
            Assert.Equal((400, "VALIDATION_FAILED"), (status, HostileClient.ProblemCode(text)));
        }
        Assert.Empty(await app.Mail.ForAsync(attacker));
    }

    [Fact]
    public async Task CR_LF_in_a_guest_booking_never_adds_a_calendar_property_or_an_email_recipient()
    {
        var attacker = Accounts.NewEmail("ics-target");
        var guest = Accounts.NewEmail("guest");
        var slot = await FreeSlotAsync();
        var (status, text) = await HostileClient.SendAsync(app, null, "POST", "/api/bookings", new
        {
            serviceSlug = "remote-support", start = slot, email = guest, phone = "01632 960 002",
            name = $"Eve\r\nATTENDEE:mailto:{attacker}\r\nBcc: {attacker}",
            notes = $"Line one\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nATTENDEE:mailto:{attacker}",
        });

        if (status == 201)
        {
            var delivered = await app.Mail.WaitForAsync(guest);
            Assert.Equal([guest], delivered.Envelope!.To.Select(t => t.Address));
            var calendar = delivered.Attachments!.Single(a => a.GeneratedFileName.EndsWith(".ics", StringComparison.OrdinalIgnoreCase));
            var ics = Encoding.UTF8.GetString(await app.Mail.AttachmentAsync(delivered, calendar.GeneratedFileName));
            var lines = ics.Split("\r\n");
            Assert.Single(lines, l => l == "BEGIN:VEVENT");
            Assert.DoesNotContain(lines, l => l.StartsWith("SUMMARY:Injected", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal) && l.Contains(attacker, StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            Assert.Equal((400, "VALIDATION_FAILED"), (status, HostileClient.ProblemCode(text)));
        }
        Assert.Empty(await app.Mail.ForAsync(attacker));
    }

    [Fact]
    public async Task A_spoofed_host_or_forwarded_host_does_not_move_the_links_in_emails()
    {
        var customer = await app.CreateCustomerAsync();
        var (status, _) = await HostileClient.SendAsync(app, null, "POST", "/api/auth/forgot-password", new { email = customer.Email },
            new Dictionary<string, string> { ["X-Forwarded-Host"] = "evil.example", ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "198.51.100.9" });
        Assert.Equal(202, status);

        var reset = await app.Mail.WaitForAsync(customer.Email, m => (m.Text ?? "").Contains("/reset-password?token="));
        Assert.Contains(app.SiteUrl + "/reset-password?token=", reset.Text);
        Assert.DoesNotContain("evil.example", reset.Text + reset.Html);
    }

    [Fact]
    public async Task A_spoofed_forwarded_for_is_not_recorded_as_the_sessions_address()
    {
        var (_, text) = await HostileClient.SendAsync(app, null, "POST", "/api/auth/login",
            new { email = app.World.Attacker.Email, password = Accounts.DefaultPassword },
            new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.10", ["X-Real-IP"] = "198.51.100.11", ["Forwarded"] = "for=198.51.100.12" });
        Assert.Contains(app.World.Attacker.Email, text);

        var (_, sessions) = await HostileClient.SendAsync(app, app.World.Attacker, "GET", "/api/auth/sessions", null);
        var addresses = JsonDocument.Parse(sessions).RootElement.GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("ipAddress").GetString()).ToList();
        Assert.Contains("127.0.0.1", addresses);
        Assert.DoesNotContain(addresses, a => a?.StartsWith("198.51.100.", StringComparison.Ordinal) == true);
    }

    private async Task<string> FreeSlotAsync()
    {
        for (var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(8); ; day = day.AddDays(1))
        {
            var (_, text) = await HostileClient.SendAsync(app, null, "GET", $"/api/bookings/availability?service=remote-support&date={day:yyyy-MM-dd}", null);
            var slot = JsonDocument.Parse(text).RootElement.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()).LastOrDefault();
            if (slot is not null) return slot;
        }
    }
}
