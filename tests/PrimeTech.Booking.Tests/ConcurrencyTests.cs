using Marten;
using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

[Collection(BookingCollection.Name)]
public sealed class ConcurrencyTests(BookingFixture app)
{
    [Fact]
    public async Task Twenty_concurrent_requests_for_one_slot_give_exactly_one_booking()
    {
        var monday = StartOfOwnWeek(app);
        var slot = At(monday, 10);
        var emails = Enumerable.Range(0, 20).Select(_ => NewEmail()).ToList();

        using var start = new ManualResetEventSlim();
        var attempts = emails.Select(email => Task.Run(async () =>
        {
            start.Wait();
            return await PostAsync(app, "/api/bookings", Body(slot, email));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Status == 201);
        Assert.Equal(19, results.Count(r => r.Status == 409 && r.Body.GetProperty("code").GetString() == "SLOT_UNAVAILABLE"));

        await using var session = app.Host.Services.GetRequiredService<IBookingStore>().QuerySession();
        var stored = await session.Query<ServiceBooking>().Where(b => b.StartUtc == slot).ToListAsync();
        Assert.Single(stored);
        Assert.Contains(stored[0].NormalizedContactEmail, emails);
    }

    [Fact]
    public async Task Concurrent_overlapping_requests_of_different_services_give_one_booking()
    {
        var monday = StartOfOwnWeek(app);
        // 13:00–15:00 on-site and 14:00–15:00 remote overlap; 14:30 consultation overlaps both.
        var attempts = new[]
        {
            (At(monday, 13), "on-site-set-up"), (At(monday, 14), "remote-support"), (At(monday, 14, 30), "consultation"),
            (At(monday, 13), "on-site-set-up"), (At(monday, 14), "remote-support"), (At(monday, 14, 30), "consultation"),
        }.Select(a => Task.Run(() => PostAsync(app, "/api/bookings", Body(a.Item1, NewEmail(), a.Item2)))).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Status == 201);
        Assert.All(results.Where(r => r.Status != 201), r => Assert.Equal(409, r.Status));
    }
}
