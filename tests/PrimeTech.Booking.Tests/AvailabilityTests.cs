using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

[Collection(BookingCollection.Name)]
public sealed class AvailabilityTests(BookingFixture app)
{
    [Fact]
    public async Task A_working_day_offers_slots_from_nine_stepping_by_the_duration_and_ending_by_five()
    {
        var monday = StartOfOwnWeek(app);

        var remote = await AvailabilityAsync(app, "remote-support", monday);
        Assert.Equal(Enumerable.Range(9, 8).Select(h => At(monday, h)), SlotStarts(remote));
        var first = remote.GetProperty("slots")[0];
        Assert.Equal(At(monday, 10), first.GetProperty("end").GetDateTimeOffset());
        Assert.Equal("09:00", first.GetProperty("localStartTime").GetString());
        Assert.Equal("10:00", first.GetProperty("localEndTime").GetString());
        Assert.Equal("Europe/London", remote.GetProperty("timeZone").GetString());
        Assert.Equal("remote-support", remote.GetProperty("serviceSlug").GetString());

        var onSite = await AvailabilityAsync(app, "on-site-set-up", monday);
        Assert.Equal(new[] { 9, 11, 13, 15 }.Select(h => At(monday, h)), SlotStarts(onSite));

        var consultation = await AvailabilityAsync(app, "consultation", monday);
        Assert.Equal(16, SlotStarts(consultation).Count);
        Assert.Equal(At(monday, 16, 30), SlotStarts(consultation)[^1]);
    }

    [Fact]
    public async Task Weekends_have_no_slots()
    {
        var monday = StartOfOwnWeek(app);
        foreach (var weekend in new[] { monday.AddDays(5), monday.AddDays(6) })
        {
            var day = await AvailabilityAsync(app, "consultation", weekend);
            Assert.Empty(SlotStarts(day));
        }
    }

    [Fact]
    public async Task Past_slots_are_not_offered()
    {
        var monday = StartOfOwnWeek(app, new TimeOnly(11, 30));

        var today = await AvailabilityAsync(app, "remote-support", monday);
        Assert.Equal(Enumerable.Range(12, 5).Select(h => At(monday, h)), SlotStarts(today));

        var yesterday = await AvailabilityAsync(app, "remote-support", monday.AddDays(-3));
        Assert.Empty(SlotStarts(yesterday));
    }

    [Fact]
    public async Task Days_beyond_the_booking_horizon_have_no_slots()
    {
        var monday = StartOfOwnWeek(app);
        Assert.Empty(SlotStarts(await AvailabilityAsync(app, "remote-support", monday.AddDays(91 + 7))));
        Assert.NotEmpty(SlotStarts(await AvailabilityAsync(app, "remote-support", monday.AddDays(88))));
    }

    [Fact]
    public async Task A_booking_takes_every_slot_it_overlaps_whatever_the_service()
    {
        var monday = StartOfOwnWeek(app);
        // On-site set-up 09:00–11:00 holds the company calendar for two hours.
        await BookAsync(app, At(monday, 9), NewEmail(), "on-site-set-up");

        var remote = SlotStarts(await AvailabilityAsync(app, "remote-support", monday));
        Assert.DoesNotContain(At(monday, 9), remote);
        Assert.DoesNotContain(At(monday, 10), remote);
        Assert.Contains(At(monday, 11), remote);

        var consultation = SlotStarts(await AvailabilityAsync(app, "consultation", monday));
        Assert.DoesNotContain(At(monday, 10, 30), consultation);
        Assert.Contains(At(monday, 11), consultation);

        // And an overlapping booking of another service is refused.
        var (status, body) = await PostAsync(app, "/api/bookings", Body(At(monday, 10, 30), NewEmail(), "consultation"));
        Assert.Equal(409, status);
        Assert.Equal("SLOT_UNAVAILABLE", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_service_is_not_found_and_a_bad_date_is_a_field_error()
    {
        var monday = StartOfOwnWeek(app);
        var (status, body) = await GetAsync(app, $"/api/bookings/availability?service=no-such-thing&date={monday:yyyy-MM-dd}");
        Assert.Equal(404, status);
        Assert.Equal("NOT_FOUND", body.GetProperty("code").GetString());

        (status, body) = await GetAsync(app, "/api/bookings/availability?service=remote-support&date=02/03/2031");
        Assert.Equal(400, status);
        Assert.Equal("VALIDATION_FAILED", body.GetProperty("code").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty("date", out _));
    }
}
