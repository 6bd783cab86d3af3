using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

[Collection(BookingCollection.Name)]
public sealed class CreateBookingTests(BookingFixture app)
{
    [Fact]
    public async Task A_guest_books_a_free_slot_and_gets_a_reference_in_status_requested()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();

        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(Body(At(monday, 14), email.ToUpperInvariant())).ToUrl("/api/bookings");
            s.StatusCodeShouldBe(201);
        });
        var body = System.Text.Json.JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        var location = result.Context.Response.Headers.Location.ToString();

        var reference = body.GetProperty("reference").GetString()!;
        Assert.Matches(ReferencePattern(), reference);
        Assert.StartsWith($"BKG-{monday:yyyyMMdd}-", reference);
        Assert.Equal("Requested", body.GetProperty("status").GetString());
        Assert.Equal(At(monday, 14), body.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(At(monday, 15), body.GetProperty("end").GetDateTimeOffset());
        Assert.Equal("Remote support", body.GetProperty("serviceName").GetString());
        Assert.Equal(60, body.GetProperty("durationMinutes").GetInt32());
        Assert.Equal($"/api/bookings/{reference}", location);

        var stored = await LoadAsync(app, reference);
        Assert.NotNull(stored);
        Assert.Equal(email, stored.NormalizedContactEmail);
        Assert.Equal(email.ToUpperInvariant(), stored.ContactEmail);
        Assert.Null(stored.UserId);
        var created = Assert.Single(stored.History);
        Assert.Equal(Bookings.ActorKind.Guest, created.ChangedBy.Kind);
        Assert.Null(created.From);
        Assert.Equal(Bookings.BookingStatus.Requested, created.To);

        var mail = await app.Mail.WaitForAsync(email, m => m.Subject == $"Booking {reference} requested: Remote support");
        Assert.Contains(reference, mail.Text);
    }

    public static TheoryData<string, int, int, int> BadSlots => new()
    {
        // why, day offset from the test's Monday, hour, minute
        { "before opening", 0, 8, 0 },
        { "ending after closing", 0, 16, 30 },
        { "after closing", 0, 17, 0 },
        { "not on the service's slots", 0, 9, 30 },
        { "on a Saturday", 5, 10, 0 },
        { "already started", -3, 10, 0 },
    };

    [Theory]
    [MemberData(nameof(BadSlots))]
    public async Task A_slot_outside_hours_in_the_past_or_misaligned_is_a_field_error(string why, int dayOffset, int hour, int minute)
    {
        var monday = StartOfOwnWeek(app);
        var slot = At(monday.AddDays(dayOffset), hour, minute);

        var (status, body) = await PostAsync(app, "/api/bookings", Body(slot, NewEmail()));

        Assert.True(status == 400, $"{why}: expected 400, got {status}");
        Assert.Equal("VALIDATION_FAILED", body.GetProperty("code").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty("start", out var messages), why);
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Fact]
    public async Task A_slot_in_the_past_on_the_same_day_is_refused()
    {
        var monday = StartOfOwnWeek(app, new TimeOnly(10, 15));
        var (status, body) = await PostAsync(app, "/api/bookings", Body(At(monday, 10), NewEmail()));
        Assert.Equal(400, status);
        Assert.Equal("Choose a time in the future.", body.GetProperty("errors").GetProperty("start")[0].GetString());
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("someone@")]
    [InlineData("someone@example")]
    [InlineData("")]
    public async Task Guests_need_a_valid_email(string email)
    {
        var monday = StartOfOwnWeek(app);
        var (status, body) = await PostAsync(app, "/api/bookings", Body(At(monday, 9), email));
        Assert.Equal(400, status);
        Assert.Equal("VALIDATION_FAILED", body.GetProperty("code").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Missing_fields_are_each_reported()
    {
        StartOfOwnWeek(app);
        var (status, body) = await PostAsync(app, "/api/bookings", new { });
        Assert.Equal(400, status);
        var errors = body.GetProperty("errors");
        foreach (var field in new[] { "serviceSlug", "start", "name", "email", "phone" })
            Assert.True(errors.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task An_unknown_or_inactive_service_is_a_field_error()
    {
        var monday = StartOfOwnWeek(app);
        var (status, body) = await PostAsync(app, "/api/bookings", Body(At(monday, 9), NewEmail(), "no-such-service"));
        Assert.Equal(400, status);
        Assert.Equal("Choose a service that can be booked.", body.GetProperty("errors").GetProperty("serviceSlug")[0].GetString());
    }

    [Fact]
    public async Task A_taken_slot_is_refused_with_slot_unavailable()
    {
        var monday = StartOfOwnWeek(app);
        await BookAsync(app, At(monday, 11), NewEmail());

        var (status, body) = await PostAsync(app, "/api/bookings", Body(At(monday, 11), NewEmail()));

        Assert.Equal(409, status);
        Assert.Equal("SLOT_UNAVAILABLE", body.GetProperty("code").GetString());
    }
}
