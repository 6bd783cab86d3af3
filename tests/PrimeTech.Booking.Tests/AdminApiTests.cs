using static PrimeTech.Booking.Tests.BookingApi;
using static PrimeTech.Booking.Tests.SignedInApiTests;

namespace PrimeTech.Booking.Tests;

/// <summary>The admin endpoints and pages over HTTP with the seeded admin's session.</summary>
[Collection(BookingCollection.Name)]
public sealed class AdminApiTests(BookingFixture app)
{
    [Fact]
    public async Task An_admin_moves_a_booking_through_its_workflow_over_http()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 13), email);
        var admin = await app.SignInAdminAsync();

        var (confirmed, view) = await SendAsync(app, admin, s => s.Patch
            .Json(new { status = "Confirmed", customerNote = "See you then.", internalNote = "Give it to Sam." })
            .ToUrl($"/api/admin/bookings/{reference}/status"));
        Assert.Equal(200, confirmed);
        Assert.Equal("Confirmed", view.GetProperty("status").GetString());
        var change = view.GetProperty("history")[1];
        Assert.Equal("Give it to Sam.", change.GetProperty("internalNote").GetString());
        Assert.Equal("Admin", change.GetProperty("changedBy").GetProperty("kind").GetString());
        Assert.Equal("Test Administrator", change.GetProperty("changedBy").GetProperty("name").GetString());
        Assert.Equal(new[] { "InProgress", "Cancelled" },
            view.GetProperty("allowedNextStatuses").EnumerateArray().Select(s => s.GetString()));

        var (refused, problem) = await SendAsync(app, admin, s => s.Patch.Json(new { status = "Completed" })
            .ToUrl($"/api/admin/bookings/{reference}/status"));
        Assert.Equal(409, refused);
        Assert.Equal("INVALID_STATUS_TRANSITION", problem.GetProperty("code").GetString());
        Assert.Equal("A booking that is confirmed cannot be changed to completed.", problem.GetProperty("detail").GetString());

        // No status is a field error, not a change to Requested (nor a server error), and nothing is written.
        foreach (var body in new object[] { new { customerNote = "Hello." }, new { status = "" } })
        {
            var (missing, missingProblem) = await SendAsync(app, admin, s => s.Patch.Json(body).ToUrl($"/api/admin/bookings/{reference}/status"));
            Assert.Equal(400, missing);
            Assert.Equal("Choose the new status.", missingProblem.GetProperty("errors").GetProperty("status")[0].GetString());
        }
        Assert.Equal(Bookings.BookingStatus.Confirmed, (await LoadAsync(app, reference))!.Status);

        foreach (var next in new[] { "InProgress", "Completed" })
        {
            var (ok, _) = await SendAsync(app, admin, s => s.Patch.Json(new { status = next }).ToUrl($"/api/admin/bookings/{reference}/status"));
            Assert.Equal(200, ok);
        }

        var (detailStatus, detail) = await SendAsync(app, admin, s => s.Get.Url($"/api/admin/bookings/{reference}"));
        Assert.Equal(200, detailStatus);
        Assert.Equal("Completed", detail.GetProperty("status").GetString());
        Assert.Equal(4, detail.GetProperty("history").GetArrayLength());

        // The customer sees the history, with our note but never the internal one.
        var (_, tracked) = await PostAsync(app, "/api/bookings/track", new { reference, email });
        Assert.Equal(new[] { "Requested", "Confirmed", "InProgress", "Completed" },
            tracked.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("toStatus").GetString()));
        Assert.Contains("See you then.", tracked.GetRawText());
        Assert.DoesNotContain("Give it to Sam.", tracked.GetRawText());
    }

    [Fact]
    public async Task Admin_endpoints_refuse_customers_and_anonymous_callers()
    {
        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 9), NewEmail());
        var customer = await app.CreateCustomerAsync();

        var (anonymous, anonymousBody) = await BookingApi.GetAsync(app, "/api/admin/bookings");
        Assert.Equal(401, anonymous);
        Assert.Equal("UNAUTHENTICATED", anonymousBody.GetProperty("code").GetString());

        var (forbidden, forbiddenBody) = await SendAsync(app, customer, s => s.Patch.Json(new { status = "Confirmed" })
            .ToUrl($"/api/admin/bookings/{reference}/status"));
        Assert.Equal(403, forbidden);
        Assert.Equal("FORBIDDEN", forbiddenBody.GetProperty("code").GetString());
        Assert.Equal(Bookings.BookingStatus.Requested, (await LoadAsync(app, reference))!.Status);

        var (servicesForbidden, _) = await SendAsync(app, customer, s => s.Get.Url("/api/admin/services"));
        Assert.Equal(403, servicesForbidden);
    }

    [Fact]
    public async Task Admins_filter_bookings_by_status_day_and_reference()
    {
        var monday = StartOfOwnWeek(app);
        var tuesday = monday.AddDays(1);
        var first = await BookAsync(app, At(tuesday, 9), NewEmail());
        var second = await BookAsync(app, At(tuesday, 14), NewEmail());
        var otherDay = await BookAsync(app, At(monday.AddDays(3), 9), NewEmail());
        await ChangeStatusAsync(app, second, "Confirmed");
        var admin = await app.SignInAdminAsync();

        var (_, day) = await SendAsync(app, admin, s => s.Get.Url($"/api/admin/bookings?date={tuesday:yyyy-MM-dd}"));
        Assert.Equal(new[] { first, second }, day.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("reference").GetString()));
        Assert.Equal(JsonValueKindNull, day.GetProperty("items")[0].GetProperty("history").ValueKind);

        var (_, confirmed) = await SendAsync(app, admin, s => s.Get.Url($"/api/admin/bookings?date={tuesday:yyyy-MM-dd}&status=Confirmed"));
        Assert.Equal(second, Assert.Single(confirmed.GetProperty("items").EnumerateArray()).GetProperty("reference").GetString());

        var (_, week) = await SendAsync(app, admin, s => s.Get.Url($"/api/admin/bookings?from={monday:yyyy-MM-dd}&to={monday.AddDays(4):yyyy-MM-dd}"));
        Assert.Equal(3, week.GetProperty("totalCount").GetInt32());

        var (_, byReference) = await SendAsync(app, admin, s => s.Get.Url($"/api/admin/bookings?q={otherDay.ToLowerInvariant()}"));
        Assert.Equal(otherDay, Assert.Single(byReference.GetProperty("items").EnumerateArray()).GetProperty("reference").GetString());

        var (bad, badBody) = await SendAsync(app, admin, s => s.Get.Url($"/api/admin/bookings?from={tuesday:yyyy-MM-dd}&to={monday:yyyy-MM-dd}"));
        Assert.Equal(400, bad);
        Assert.True(badBody.GetProperty("errors").TryGetProperty("to", out _));

        var (_, weekPage) = await Pages.GetAsync(app, $"/admin/bookings?week={tuesday:yyyy-MM-dd}", admin.Cookie);
        Assert.Contains(first, weekPage);
        Assert.Contains(otherDay, weekPage);
        Assert.Contains("Week of", weekPage);
    }

    [Fact]
    public async Task The_admin_detail_page_changes_status_and_shows_internal_notes_to_staff_only()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 16), email);
        var admin = await app.SignInAdminAsync();

        var (status, _, location) = await Pages.PostFormAsync(app, $"/admin/bookings/{reference}", $"/admin/bookings/{reference}",
            new() { ["NewStatus"] = "Confirmed", ["CustomerNote"] = "Bring the router.", ["InternalNote"] = "VIP customer." }, admin.Cookie);
        Assert.Equal(302, status);
        Assert.Equal($"/admin/bookings/{reference}", location);

        var (_, detail) = await Pages.GetAsync(app, $"/admin/bookings/{reference}", admin.Cookie);
        Assert.Contains("VIP customer.", detail);
        Assert.Contains("Bring the router.", detail);

        var (refusedStatus, refused, _) = await Pages.PostFormAsync(app, $"/admin/bookings/{reference}", $"/admin/bookings/{reference}",
            new() { ["NewStatus"] = "Requested" }, admin.Cookie);
        Assert.Equal(200, refusedStatus);
        Assert.Contains("A booking that is confirmed cannot be changed to requested.", refused);

        var tracked = await Pages.TrackPageAsync(app, reference, email);
        Assert.Contains("Bring the router.", tracked);
        Assert.DoesNotContain("VIP customer.", tracked);
    }

    [Fact]
    public async Task Admins_manage_services_over_http()
    {
        var admin = await app.SignInAdminAsync();
        var slug = "review-" + Guid.NewGuid().ToString("N")[..8];

        var (created, service) = await SendAsync(app, admin, s => s.Post
            .Json(new { slug, name = "Network review", description = "We review your network.", durationMinutes = 90, isActive = true })
            .ToUrl("/api/admin/services"));
        Assert.Equal(201, created);
        var id = service.GetProperty("id").GetGuid();

        var (duplicate, duplicateBody) = await SendAsync(app, admin, s => s.Post
            .Json(new { slug, name = "Again", description = "Again.", durationMinutes = 60, isActive = true })
            .ToUrl("/api/admin/services"));
        Assert.Equal(409, duplicate);
        Assert.Equal("DUPLICATE_VALUE", duplicateBody.GetProperty("code").GetString());
        Assert.True(duplicateBody.GetProperty("errors").TryGetProperty("slug", out _));

        var (deactivated, off) = await SendAsync(app, admin, s => s.Post.Json(new { }).ToUrl($"/api/admin/services/{id}/deactivate"));
        Assert.Equal(200, deactivated);
        Assert.False(off.GetProperty("isActive").GetBoolean());
        var (hidden, _) = await BookingApi.GetAsync(app, $"/api/services/{slug}");
        Assert.Equal(404, hidden);

        await SendAsync(app, admin, s => s.Post.Json(new { }).ToUrl($"/api/admin/services/{id}/activate"));
        var (shown, view) = await BookingApi.GetAsync(app, $"/api/services/{slug}");
        Assert.Equal(200, shown);
        Assert.Equal(90, view.GetProperty("durationMinutes").GetInt32());

        var (_, page) = await Pages.GetAsync(app, "/admin/services", admin.Cookie);
        Assert.Contains("Network review", page);
        var (_, edit) = await Pages.GetAsync(app, $"/admin/services/{id}", admin.Cookie);
        Assert.Contains($"value=\"{slug}\"", edit);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
