using Alba;
using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

/// <summary>The customer's own bookings over HTTP with a real session.</summary>
[Collection(BookingCollection.Name)]
public sealed class SignedInApiTests(BookingFixture app)
{
    [Fact]
    public async Task A_verified_customer_books_for_the_account_with_the_account_email_and_sees_it_in_mine()
    {
        var monday = StartOfOwnWeek(app);
        var customer = await app.CreateCustomerAsync(name: "Katherine Johnson");

        var (status, body) = await SendAsync(app, customer, s => s.Post.Json(Body(At(monday, 10), NewEmail())).ToUrl("/api/bookings"));

        Assert.Equal(201, status);
        var reference = body.GetProperty("reference").GetString()!;
        Assert.Equal(customer.Email, body.GetProperty("contactEmail").GetString());
        var stored = await LoadAsync(app, reference);
        Assert.Equal(customer.Id, stored!.UserId);
        Assert.Equal(Bookings.ActorKind.Customer, stored.History[0].ChangedBy.Kind);

        var (mineStatus, mine) = await SendAsync(app, customer, s => s.Get.Url("/api/bookings"));
        Assert.Equal(200, mineStatus);
        Assert.Equal(1, mine.GetProperty("totalCount").GetInt32());
        Assert.Equal(reference, mine.GetProperty("items")[0].GetProperty("reference").GetString());
        Assert.Equal(1, mine.GetProperty("page").GetInt32());
        Assert.Equal(20, mine.GetProperty("pageSize").GetInt32());

        var (oneStatus, one) = await SendAsync(app, customer, s => s.Get.Url($"/api/bookings/{reference}"));
        Assert.Equal(200, oneStatus);
        Assert.Equal("Ada Lovelace", one.GetProperty("contactName").GetString());

        var stranger = await app.CreateCustomerAsync();
        var (otherStatus, _) = await SendAsync(app, stranger, s => s.Get.Url($"/api/bookings/{reference}"));
        Assert.Equal(404, otherStatus);
        var (otherMine, others) = await SendAsync(app, stranger, s => s.Get.Url("/api/bookings"));
        Assert.Equal(200, otherMine);
        Assert.Equal(0, others.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task The_owner_cancels_without_an_email_and_others_cannot()
    {
        var monday = StartOfOwnWeek(app);
        var customer = await app.CreateCustomerAsync();
        var (_, created) = await SendAsync(app, customer, s => s.Post.Json(Body(At(monday, 11), "")).ToUrl("/api/bookings"));
        var reference = created.GetProperty("reference").GetString()!;

        var stranger = await app.CreateCustomerAsync();
        var (strangerStatus, strangerBody) = await SendAsync(app, stranger, s => s.Post.Json(new { }).ToUrl($"/api/bookings/{reference}/cancel"));
        Assert.Equal(404, strangerStatus);
        Assert.Equal("NOT_FOUND", strangerBody.GetProperty("code").GetString());

        var (status, body) = await SendAsync(app, customer, s => s.Post.Json(new { reason = "Sorted it myself." }).ToUrl($"/api/bookings/{reference}/cancel"));
        Assert.Equal(200, status);
        Assert.Equal("Cancelled", body.GetProperty("status").GetString());
        Assert.Equal(customer.Email, body.GetProperty("contactEmail").GetString());
        Assert.Equal("Sorted it myself.", body.GetProperty("history")[1].GetProperty("note").GetString());
        var stored = await LoadAsync(app, reference);
        Assert.Equal(Bookings.ActorKind.Customer, stored!.History[^1].ChangedBy.Kind);
        Assert.Contains(At(monday, 11), SlotStarts(await AvailabilityAsync(app, "remote-support", monday)));

        var (again, againBody) = await SendAsync(app, customer, s => s.Post.Json(new { }).ToUrl($"/api/bookings/{reference}/cancel"));
        Assert.Equal(409, again);
        Assert.Equal("INVALID_STATUS_TRANSITION", againBody.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unverified_customer_cannot_book()
    {
        var monday = StartOfOwnWeek(app);
        var customer = await app.CreateCustomerAsync(verified: false);

        var (status, body) = await SendAsync(app, customer, s => s.Post.Json(Body(At(monday, 12), customer.Email)).ToUrl("/api/bookings"));

        Assert.Equal(403, status);
        Assert.Equal("EMAIL_NOT_VERIFIED", body.GetProperty("code").GetString());
        Assert.Contains(At(monday, 12), SlotStarts(await AvailabilityAsync(app, "remote-support", monday)));
    }

    [Fact]
    public async Task Mine_needs_a_session()
    {
        var (status, body) = await GetAsync(app, "/api/bookings");
        Assert.Equal(401, status);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_account_bookings_page_lists_the_customers_bookings_and_cancels_one()
    {
        var monday = StartOfOwnWeek(app);
        var customer = await app.CreateCustomerAsync();
        var (_, created) = await SendAsync(app, customer, s => s.Post.Json(Body(At(monday, 15), "")).ToUrl("/api/bookings"));
        var reference = created.GetProperty("reference").GetString()!;

        var (status, html) = await Pages.GetAsync(app, "/account/bookings", customer.Cookie);
        Assert.Equal(200, status);
        Assert.Contains("<title>Your bookings — Prime Tech Services</title>", html);
        Assert.Contains(reference, html);

        var (postStatus, _, location) = await Pages.PostFormAsync(app, "/account/bookings", "/account/bookings?handler=Cancel",
            new() { ["reference"] = reference }, customer.Cookie);
        Assert.Equal(302, postStatus);
        Assert.Equal(Bookings.BookingStatus.Cancelled, (await LoadAsync(app, reference))!.Status);
        Assert.NotNull(location);
    }

    internal static async Task<(int Status, System.Text.Json.JsonElement Body)> SendAsync(AppFixture app, TestUser user, Action<Scenario> request)
    {
        var result = await app.Host.Scenario(s =>
        {
            request(s);
            s.SignedInAs(user);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode,
            string.IsNullOrEmpty(text) ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone());
    }
}
