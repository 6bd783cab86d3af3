using Marten;
using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

/// <summary>One contact email holds at most 3 open (requested or confirmed) bookings in the future.</summary>
[Collection(BookingCollection.Name)]
public sealed class OpenBookingLimitTests(BookingFixture app)
{
    [Fact]
    public async Task Eight_parallel_creates_for_one_email_in_different_slots_give_exactly_three_bookings()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        // The same address as guests type it: the limit counts the normalised email.
        var spellings = new[] { email, email.ToUpperInvariant(), $"  {email} " };

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await PostAsync(app, "/api/bookings", Body(At(monday, 9 + i), spellings[i % spellings.Length]));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(ServiceBooking.MaxOpenPerEmail, results.Count(r => r.Status == 201));
        var refused = results.Where(r => r.Status != 201).ToList();
        Assert.Equal(5, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(409, r.Status);
            Assert.Equal("BOOKING_LIMIT_REACHED", r.Body.GetProperty("code").GetString());
            Assert.True(r.Body.GetProperty("errors").TryGetProperty("email", out _));
        });
        Assert.Equal(ServiceBooking.MaxOpenPerEmail, (await BookingsOfAsync(email)).Count);
    }

    [Fact]
    public async Task Cancelled_declined_and_past_bookings_do_not_count()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        var first = await BookAsync(app, At(monday, 9), email);
        var second = await BookAsync(app, At(monday, 10), email);
        await BookAsync(app, At(monday.AddDays(1), 9), email);
        Assert.Equal(409, (await PostAsync(app, "/api/bookings", Body(At(monday.AddDays(1), 10), email))).Status);

        await ChangeStatusAsync(app, first, "Cancelled");
        await BookAsync(app, At(monday.AddDays(1), 10), email);
        await ChangeStatusAsync(app, second, "Declined");
        var confirmedLater = await BookAsync(app, At(monday.AddDays(2), 9), email);
        await ChangeStatusAsync(app, confirmedLater, "Confirmed");
        Assert.Equal(409, (await PostAsync(app, "/api/bookings", Body(At(monday.AddDays(2), 10), email))).Status);

        // Once Tuesday's two bookings have started they no longer count: only Wednesday's is open.
        app.Clock.SetUtcNow(At(monday.AddDays(1), 12));
        await BookAsync(app, At(monday.AddDays(3), 9), email);
        await BookAsync(app, At(monday.AddDays(3), 10), email);
        Assert.Equal(409, (await PostAsync(app, "/api/bookings", Body(At(monday.AddDays(3), 11), email))).Status);
    }

    [Fact]
    public async Task The_book_page_shows_the_limit_beside_the_email_field()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();
        for (var hour = 9; hour < 12; hour++)
            await BookAsync(app, At(monday, hour), email);

        var slot = Iso(At(monday, 14));
        var url = $"/book?service=remote-support&date={monday:yyyy-MM-dd}&slot={Uri.EscapeDataString(slot)}";
        var (status, html, _) = await Pages.PostFormAsync(app, url, "/book", new()
        {
            ["service"] = "remote-support", ["date"] = $"{monday:yyyy-MM-dd}", ["slot"] = slot,
            ["Input.Name"] = "Ada Lovelace", ["Input.Email"] = email, ["Input.Phone"] = "01632 960 001",
        });

        Assert.Equal(200, status);
        Assert.Contains("class=\"error-summary\"", html);
        Assert.Contains("This email address already has 3 upcoming bookings.", html);
        Assert.Contains("href=\"#Input_Email\"", html);
        Assert.Equal(3, (await BookingsOfAsync(email)).Count);
    }

    private async Task<IReadOnlyList<ServiceBooking>> BookingsOfAsync(string email)
    {
        await using var session = app.Host.Services.GetRequiredService<IBookingStore>().QuerySession();
        return await session.Query<ServiceBooking>().Where(b => b.NormalizedContactEmail.Equals(email, StringComparison.OrdinalIgnoreCase)).ToListAsync();
    }
}
