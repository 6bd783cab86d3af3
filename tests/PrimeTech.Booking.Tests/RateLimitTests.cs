using static PrimeTech.Booking.Tests.BookingApi;
using System.Globalization;

namespace PrimeTech.Booking.Tests;

/// <summary>The booking limits lowered to two requests per window for the test (the policies read them per request).</summary>
[Collection(BookingCollection.Name)]
public sealed class RateLimitTests(BookingFixture app)
{
    [Fact]
    public async Task Creating_and_tracking_are_rate_limited_per_client_with_retry_after()
    {
        using var lowered = app.Override(("RateLimits:BookingCreate:PermitLimit", "2"), ("RateLimits:BookingTrack:PermitLimit", "2"));
        var monday = StartOfOwnWeek(app);
        await BookAsync(app, At(monday, 9), NewEmail());
        await BookAsync(app, At(monday, 10), NewEmail());
        await AssertLimitedAsync(() => app.Host.Scenario(s =>
        {
            s.Post.Json(Body(At(monday, 11), NewEmail())).ToUrl("/api/bookings");
            s.IgnoreStatusCode();
        }));

        for (var i = 0; i < 2; i++)
            Assert.Equal(404, (await PostAsync(app, "/api/bookings/track", new { reference = $"BKG-{monday:yyyyMMdd}-ZZZZ", email = NewEmail() })).Status);
        await AssertLimitedAsync(() => app.Host.Scenario(s =>
        {
            s.Post.Json(new { reference = $"BKG-{monday:yyyyMMdd}-ZZZZ", email = NewEmail() }).ToUrl("/api/bookings/track");
            s.IgnoreStatusCode();
        }));

        // Availability is not limited.
        Assert.NotEmpty(SlotStarts(await AvailabilityAsync(app, "remote-support", monday)));
    }

    private static async Task AssertLimitedAsync(Func<Task<Alba.IScenarioResult>> send)
    {
        var result = await send();
        Assert.Equal(429, result.Context.Response.StatusCode);
        Assert.True(int.Parse(result.Context.Response.Headers.RetryAfter.ToString(), CultureInfo.InvariantCulture) > 0);
        var body = System.Text.Json.JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.Equal("RATE_LIMITED", body.GetProperty("code").GetString());
    }
}
