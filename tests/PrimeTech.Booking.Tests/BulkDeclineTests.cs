using static PrimeTech.Booking.Tests.BookingApi;
using static PrimeTech.Booking.Tests.SignedInApiTests;

namespace PrimeTech.Booking.Tests;

/// <summary>Admins decline several requested bookings at once; each is declined as a single decline is.</summary>
[Collection(BookingCollection.Name)]
public sealed class BulkDeclineTests(BookingFixture app)
{
    [Fact]
    public async Task The_api_declines_each_requested_booking_frees_its_slot_emails_its_guest_and_reports_the_others()
    {
        var monday = StartOfOwnWeek(app);
        var guests = Enumerable.Range(0, 3).Select(_ => NewEmail()).ToList();
        var requested = new List<string>();
        for (var i = 0; i < guests.Count; i++)
            requested.Add(await BookAsync(app, At(monday, 9 + i), guests[i]));
        var confirmed = await BookAsync(app, At(monday, 14), NewEmail());
        await ChangeStatusAsync(app, confirmed, "Confirmed");
        var unknown = $"BKG-{monday:yyyyMMdd}-ZZZZ";
        var admin = await app.SignInAdminAsync();

        var (status, body) = await SendAsync(app, admin, s => s.Post.Json(new
        {
            references = requested.Append(confirmed).Append(unknown).Append(requested[0].ToLowerInvariant()).ToArray(),
            reason = "Our engineers are away that day.",
        }).ToUrl("/api/admin/bookings/decline"));

        Assert.Equal(200, status);
        Assert.Equal(3, body.GetProperty("declined").GetInt32());
        var outcomes = body.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("reference").GetString()!, r => r.GetProperty("outcome").GetString());
        Assert.Equal(5, outcomes.Count);
        Assert.All(requested, r => Assert.Equal("declined", outcomes[r]));
        Assert.Equal("notRequested", outcomes[confirmed]);
        Assert.Equal("notFound", outcomes[unknown]);

        var offered = SlotStarts(await AvailabilityAsync(app, "remote-support", monday));
        for (var i = 0; i < guests.Count; i++)
        {
            var stored = await LoadAsync(app, requested[i]);
            Assert.Equal(BookingStatus.Declined, stored!.Status);
            Assert.Equal(ActorKind.Admin, stored.History[^1].ChangedBy.Kind);
            Assert.Contains(At(monday, 9 + i), offered);
            var declined = await app.Mail.WaitForAsync(guests[i], m => m.Subject == $"Booking {requested[i]} is now declined");
            Assert.Contains("Our engineers are away that day.", declined.Text);
            var (tracked, trackedBody) = await GetAsync(app, $"/api/bookings/track/{TrackingTokenIn(declined)}");
            Assert.Equal(200, tracked);
            Assert.Equal("Declined", trackedBody.GetProperty("status").GetString());
        }
        Assert.Equal(BookingStatus.Confirmed, (await LoadAsync(app, confirmed))!.Status);
        Assert.DoesNotContain(At(monday, 14), offered);
    }

    [Fact]
    public async Task The_api_refuses_an_empty_or_oversized_request_and_anyone_but_an_admin()
    {
        var admin = await app.SignInAdminAsync();
        var (empty, emptyBody) = await SendAsync(app, admin, s => s.Post.Json(new { references = Array.Empty<string>() }).ToUrl("/api/admin/bookings/decline"));
        Assert.Equal(400, empty);
        Assert.True(emptyBody.GetProperty("errors").TryGetProperty("references", out _));

        var (longReference, longReferenceBody) = await SendAsync(app, admin, s => s.Post.Json(new { references = new[] { new string('R', 41) } }).ToUrl("/api/admin/bookings/decline"));
        Assert.Equal(400, longReference);
        Assert.True(longReferenceBody.GetProperty("errors").TryGetProperty("references[0]", out _), longReferenceBody.ToString());
        var (longReason, longReasonBody) = await SendAsync(app, admin, s => s.Post.Json(new { references = new[] { "BKG-20310101-0000" }, reason = new string('r', 1001) }).ToUrl("/api/admin/bookings/decline"));
        Assert.Equal(400, longReason);
        Assert.True(longReasonBody.GetProperty("errors").TryGetProperty("reason", out _));

        var tooMany = Enumerable.Range(0, 101).Select(i => $"BKG-20310101-{i:0000}").ToArray();
        var (many, _) = await SendAsync(app, admin, s => s.Post.Json(new { references = tooMany }).ToUrl("/api/admin/bookings/decline"));
        Assert.Equal(400, many);

        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 9), NewEmail());
        var customer = await app.CreateCustomerAsync();
        var (forbidden, _) = await SendAsync(app, customer, s => s.Post.Json(new { references = new[] { reference } }).ToUrl("/api/admin/bookings/decline"));
        Assert.Equal(403, forbidden);
        var (anonymous, _) = await PostAsync(app, "/api/admin/bookings/decline", new { references = new[] { reference } });
        Assert.Equal(401, anonymous);
        Assert.Equal(BookingStatus.Requested, (await LoadAsync(app, reference))!.Status);
    }

    [Fact]
    public async Task The_admin_page_declines_the_ticked_bookings_with_one_reason()
    {
        var monday = StartOfOwnWeek(app);
        var first = await BookAsync(app, At(monday, 9), NewEmail());
        var second = await BookAsync(app, At(monday, 10), NewEmail());
        var untouched = await BookAsync(app, At(monday, 11), NewEmail());
        var admin = await app.SignInAdminAsync();
        var list = $"/admin/bookings?date={monday:yyyy-MM-dd}";

        var (_, html) = await Pages.GetAsync(app, list, admin.Cookie);
        foreach (var reference in new[] { first, second, untouched })
            Assert.Contains($"name=\"Selected\" value=\"{reference}\"", html);
        Assert.Contains("Decline selected", html);

        var (status, _, location) = await Pages.PostFormAsync(app, list, $"/admin/bookings?handler=Decline&date={monday:yyyy-MM-dd}", new()
        {
            ["Selected[0]"] = first, ["Selected[1]"] = second, ["DeclineReason"] = "Fully booked that morning.",
        }, admin.Cookie);

        Assert.Equal(302, status);
        Assert.Contains($"date={monday:yyyy-MM-dd}", location);
        Assert.Equal(BookingStatus.Declined, (await LoadAsync(app, first))!.Status);
        Assert.Equal("Fully booked that morning.", (await LoadAsync(app, second))!.History[^1].CustomerNote);
        Assert.Equal(BookingStatus.Requested, (await LoadAsync(app, untouched))!.Status);

        var (_, after) = await Pages.GetAsync(app, location!, admin.Cookie);
        Assert.DoesNotContain($"name=\"Selected\" value=\"{first}\"", after);
        Assert.Contains($"name=\"Selected\" value=\"{untouched}\"", after);

        var (nothing, nothingHtml, _) = await Pages.PostFormAsync(app, list, "/admin/bookings?handler=Decline", new(), admin.Cookie);
        Assert.Equal(200, nothing);
        Assert.Contains("Choose at least one booking to decline.", nothingHtml);
    }
}
