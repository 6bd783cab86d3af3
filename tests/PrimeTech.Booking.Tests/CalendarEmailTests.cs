using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

[Collection(BookingCollection.Name)]
public sealed class CalendarEmailTests(BookingFixture app)
{
    [Fact]
    public async Task Every_email_carries_an_ics_with_a_stable_uid_a_rising_sequence_and_utc_times()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 11), email);

        var expected = new[]
        {
            ($"Booking {reference} requested: Remote support", 0, "TENTATIVE"),
            ($"Booking {reference} is now confirmed", 1, "CONFIRMED"),
            ($"Booking {reference} is now in progress", 2, "CONFIRMED"),
            ($"Booking {reference} is now completed", 3, "CONFIRMED"),
        };
        for (var i = 0; i < expected.Length; i++)
        {
            if (i > 0) await ChangeStatusAsync(app, reference, new[] { "", "Confirmed", "InProgress", "Completed" }[i]);
            var (subject, sequence, status) = expected[i];
            var (mail, calendar, ics) = await EmailWithCalendarAsync(app, email, subject);

            Assert.Equal("REQUEST", calendar.Method);
            var evt = Assert.Single(calendar.Events);
            Assert.Equal($"{reference}@127.0.0.1", evt.Uid);
            Assert.Equal(sequence, evt.Sequence);
            Assert.Equal(status, evt.Status);
            Assert.Equal(At(monday, 11).UtcDateTime, evt.DtStart!.Value);
            Assert.True(evt.DtStart.IsUtc);
            Assert.Equal(At(monday, 12).UtcDateTime, evt.DtEnd!.Value);
            Assert.Contains($"DTSTART:{At(monday, 11).UtcDateTime:yyyyMMdd'T'HHmmss}Z", ics);
            Assert.Contains(reference, mail.Text);
        }
    }

    [Theory]
    [InlineData("Cancelled", "cancelled")]
    [InlineData("Declined", "declined")]
    public async Task Cancelling_or_declining_sends_a_calendar_cancel(string status, string words)
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 13), email);
        await EmailWithCalendarAsync(app, email, reference);

        await ChangeStatusAsync(app, reference, status, "We are sorry for the change.");

        var (mail, calendar, _) = await EmailWithCalendarAsync(app, email, $"Booking {reference} is now {words}");
        Assert.Equal("CANCEL", calendar.Method);
        var evt = Assert.Single(calendar.Events);
        Assert.Equal($"{reference}@127.0.0.1", evt.Uid);
        Assert.Equal(1, evt.Sequence);
        Assert.Equal("CANCELLED", evt.Status);
        Assert.Contains("We are sorry for the change.", mail.Text);
    }

    [Fact]
    public async Task A_guest_cancelling_gets_a_calendar_cancel_with_the_next_sequence()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var reference = await BookAsync(app, At(monday, 9), email);
        await ChangeStatusAsync(app, reference, "Confirmed");

        var (status, _) = await PostAsync(app, $"/api/bookings/{reference}/cancel", new { email });
        Assert.Equal(200, status);

        var (_, calendar, _) = await EmailWithCalendarAsync(app, email, $"Booking {reference} is now cancelled");
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal(2, Assert.Single(calendar.Events).Sequence);
    }
}
