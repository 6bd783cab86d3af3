using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

/// <summary>Every booking email carries a tracking link of its own that opens the booking and cancels it, with nothing to type.</summary>
[Collection(BookingCollection.Name)]
public sealed class TrackingLinkTests(BookingFixture app)
{
    [Fact]
    public async Task Each_email_has_its_own_link_that_opens_the_booking_and_only_its_hash_is_stored()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 9), email);
        var requested = TrackingTokenIn(await app.Mail.WaitForAsync(email, m => m.Subject.Contains("requested")));
        await ChangeStatusAsync(app, reference, "Confirmed", customerNote: "See you then.");
        var confirmed = TrackingTokenIn(await app.Mail.WaitForAsync(email, m => m.Subject.Contains("is now confirmed")));
        Assert.NotEqual(requested, confirmed);

        foreach (var token in new[] { requested, confirmed })
        {
            var (status, body) = await GetAsync(app, $"/api/bookings/track/{token}");
            Assert.Equal(200, status);
            Assert.Equal(reference, body.GetProperty("reference").GetString());
            Assert.Equal("Confirmed", body.GetProperty("status").GetString());
            Assert.Contains("See you then.", body.GetRawText());
            Assert.False(body.TryGetProperty("contactEmail", out _));
        }

        // The database knows the links by hash only; the token is in no table, message envelopes included.
        var booking = await LoadAsync(app, reference);
        await using (var session = app.Host.Services.GetRequiredService<IBookingStore>().QuerySession())
        {
            var links = await session.Query<BookingTrackingLink>().Where(l => l.BookingId == booking!.Id).ToListAsync();
            Assert.Equal(new[] { Sha256(requested), Sha256(confirmed) }.Order(), links.Select(l => l.Id).Order());
        }
        Assert.Equal(0, await TablesContainingAsync(requested));
        Assert.Equal(0, await TablesContainingAsync(confirmed));
        Assert.Equal(1, await TablesContainingAsync(Sha256(requested)));
    }

    [Fact]
    public async Task The_link_page_cancels_without_typing_anything_and_sends_no_referrer()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 10), email);
        var token = TrackingTokenIn(await app.Mail.WaitForAsync(email, m => m.Subject.Contains("requested")));

        var page = await app.Host.Scenario(s => s.Get.Url($"/bookings/track/{token}"));
        var html = await page.ReadAsTextAsync();
        Assert.Equal("no-referrer", page.Context.Response.Headers["Referrer-Policy"].ToString());
        Assert.Contains("no-store", page.Context.Response.Headers.CacheControl.ToString());
        Assert.Contains(reference, html);
        Assert.Contains("Cancel this booking", html);
        Assert.DoesNotContain(email, html);

        var (status, cancelled, _) = await Pages.PostFormAsync(app, $"/bookings/track/{token}", $"/bookings/track/{token}?handler=Cancel",
            new() { ["Reason"] = "Fixed it myself." });
        Assert.Equal(200, status);
        Assert.Contains("Your booking has been cancelled.", cancelled);
        var stored = await LoadAsync(app, reference);
        Assert.Equal(BookingStatus.Cancelled, stored!.Status);
        Assert.Equal(ActorKind.Guest, stored.History[^1].ChangedBy.Kind);
        Assert.Equal("Fixed it myself.", stored.History[^1].CustomerNote);
        Assert.Contains(At(monday, 10), SlotStarts(await AvailabilityAsync(app, "remote-support", monday)));

        // The cancellation email has a link of its own, which shows the booking cancelled and offers no button.
        var cancelledToken = TrackingTokenIn(await app.Mail.WaitForAsync(email, m => m.Subject.Contains("is now cancelled")));
        var (_, after) = await Pages.GetAsync(app, $"/bookings/track/{cancelledToken}");
        Assert.Contains("Cancelled", after);
        Assert.DoesNotContain("Cancel this booking", after);
    }

    [Fact]
    public async Task The_api_cancels_by_link_once_and_unknown_links_are_not_found()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 11), email);
        var token = TrackingTokenIn(await app.Mail.WaitForAsync(email, m => m.Subject.Contains("requested")));

        var (tooLong, tooLongBody) = await PostAsync(app, $"/api/bookings/track/{token}/cancel", new { reason = new string('r', 1001) });
        Assert.Equal(400, tooLong);
        Assert.True(tooLongBody.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(BookingStatus.Requested, (await LoadAsync(app, reference))!.Status);

        var (status, body) = await PostAsync(app, $"/api/bookings/track/{token}/cancel", new { reason = "No longer needed." });
        Assert.Equal(200, status);
        Assert.Equal("Cancelled", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("canCancel").GetBoolean());
        Assert.Equal(BookingStatus.Cancelled, (await LoadAsync(app, reference))!.Status);

        var (again, againBody) = await PostAsync(app, $"/api/bookings/track/{token}/cancel", new { });
        Assert.Equal(409, again);
        Assert.Equal("INVALID_STATUS_TRANSITION", againBody.GetProperty("code").GetString());

        var unknown = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        foreach (var wrong in new[] { unknown, "short", new string('x', 200) })
        {
            var (getStatus, getBody) = await GetAsync(app, $"/api/bookings/track/{wrong}");
            Assert.Equal(404, getStatus);
            Assert.Equal("NOT_FOUND", getBody.GetProperty("code").GetString());
            Assert.Equal(404, (await PostAsync(app, $"/api/bookings/track/{wrong}/cancel", new { })).Status);
        }
        var (pageStatus, pageHtml) = await Pages.GetAsync(app, $"/bookings/track/{unknown}");
        Assert.Equal(404, pageStatus);
        Assert.Contains("Page not found", pageHtml);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>How many tables of the booking and wolverine schemas hold the text in some row: in its text form, or inside a bytea (message bodies).</summary>
    private async Task<int> TablesContainingAsync(string text)
    {
        await using var connection = new NpgsqlConnection(TestServices.ConnectionString(app.DatabaseName));
        await connection.OpenAsync();
        var tables = new Dictionary<string, List<string>>();
        await using (var list = new NpgsqlCommand(
            "select c.table_schema || '.' || c.table_name, c.column_name, c.data_type from information_schema.columns c " +
            "join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name " +
            "where c.table_schema in ('booking', 'wolverine') and t.table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                if (!tables.TryGetValue(reader.GetString(0), out var byteaColumns)) tables[reader.GetString(0)] = byteaColumns = [];
                if (reader.GetString(2) == "bytea") byteaColumns.Add(reader.GetString(1));
            }
        Assert.Contains("wolverine.wolverine_incoming_envelopes", tables.Keys);

        var found = 0;
        foreach (var (table, byteaColumns) in tables)
        {
            var inBytes = string.Concat(byteaColumns.Select(c => $" or position(convert_to($1, 'UTF8') in t.\"{c}\") > 0"));
            await using var probe = new NpgsqlCommand($"select exists (select 1 from {table} t where position($1 in t::text) > 0{inBytes})", connection);
            probe.Parameters.AddWithValue(text);
            if ((bool)(await probe.ExecuteScalarAsync())!) found++;
        }
        return found;
    }
}
