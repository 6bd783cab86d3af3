using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

[Collection(BookingCollection.Name)]
public sealed class TrackingTests(BookingFixture app)
{
    [Fact]
    public async Task Reference_and_email_show_status_slot_and_history()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 13), email);

        // Input is forgiving: reference in lower case, email in another case with spaces.
        var (status, body) = await PostAsync(app, "/api/bookings/track",
            new { reference = reference.ToLowerInvariant(), email = $"  {email.ToUpperInvariant()} " });

        Assert.Equal(200, status);
        Assert.Equal(reference, body.GetProperty("reference").GetString());
        Assert.Equal("Requested", body.GetProperty("status").GetString());
        Assert.Equal(At(monday, 13), body.GetProperty("start").GetDateTimeOffset());
        Assert.False(body.TryGetProperty("contactEmail", out _));
        Assert.True(body.GetProperty("canCancel").GetBoolean());
        var history = body.GetProperty("history");
        Assert.Equal(1, history.GetArrayLength());
        Assert.Equal("Requested", history[0].GetProperty("toStatus").GetString());
    }

    [Fact]
    public async Task A_wrong_email_answers_exactly_like_a_wrong_reference()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 10), email);

        var (wrongEmailStatus, wrongEmail) = await PostAsync(app, "/api/bookings/track", new { reference, email = NewEmail() });
        var (wrongRefStatus, wrongRef) = await PostAsync(app, "/api/bookings/track",
            new { reference = $"BKG-{monday:yyyyMMdd}-ZZZZ", email });
        var (malformedStatus, malformed) = await PostAsync(app, "/api/bookings/track", new { reference = "nonsense", email });

        foreach (var (status, body) in new[] { (wrongEmailStatus, wrongEmail), (wrongRefStatus, wrongRef), (malformedStatus, malformed) })
        {
            Assert.Equal(404, status);
            Assert.Equal("NOT_FOUND", body.GetProperty("code").GetString());
            Assert.Equal(wrongEmail.GetProperty("detail").GetString(), body.GetProperty("detail").GetString());
            Assert.Equal(wrongEmail.GetProperty("title").GetString(), body.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task A_guest_cancels_with_reference_and_email_and_the_slot_is_freed()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 15), email);

        var (wrong, wrongBody) = await PostAsync(app, $"/api/bookings/{reference}/cancel", new { email = NewEmail() });
        Assert.Equal(404, wrong);
        Assert.Equal("NOT_FOUND", wrongBody.GetProperty("code").GetString());

        var (status, body) = await PostAsync(app, $"/api/bookings/{reference}/cancel", new { email });
        Assert.Equal(200, status);
        Assert.Equal("Cancelled", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("canCancel").GetBoolean());
        Assert.Contains(At(monday, 15), SlotStarts(await AvailabilityAsync(app, "remote-support", monday)));

        var (again, againBody) = await PostAsync(app, $"/api/bookings/{reference}/cancel", new { email });
        Assert.Equal(409, again);
        Assert.Equal("INVALID_STATUS_TRANSITION", againBody.GetProperty("code").GetString());

        var stored = await LoadAsync(app, reference);
        Assert.Equal(Bookings.ActorKind.Guest, stored!.History[^1].ChangedBy.Kind);
        await BookAsync(app, At(monday, 15), NewEmail());
    }

    [Fact]
    public async Task A_guest_cannot_cancel_without_an_email()
    {
        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 12), NewEmail());
        var (status, body) = await PostAsync(app, $"/api/bookings/{reference}/cancel", new { });
        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("email", out _));
    }
}
