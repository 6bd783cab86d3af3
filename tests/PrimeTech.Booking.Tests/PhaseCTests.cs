using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

/// <summary>The execution plan's Phase C check for bookings, end to end on real services.</summary>
[Collection(BookingCollection.Name)]
public sealed class PhaseCTests(BookingFixture app)
{
    [Fact]
    public async Task Booking_create_then_track_then_admin_update_status()
    {
        var monday = StartOfOwnWeek(app);
        var email = NewEmail();

        // create
        var (created, booking) = await PostAsync(app, "/api/bookings", Body(At(monday.AddDays(2), 14), email, "consultation"));
        Assert.Equal(201, created);
        var reference = booking.GetProperty("reference").GetString()!;
        Assert.Equal("Requested", booking.GetProperty("status").GetString());
        await app.Mail.WaitForAsync(email, m => m.Subject == $"Booking {reference} requested: Consultation");

        // track
        var (tracked, view) = await PostAsync(app, "/api/bookings/track", new { reference, email });
        Assert.Equal(200, tracked);
        Assert.Equal("Requested", view.GetProperty("status").GetString());

        // admin update status
        var updated = await ChangeStatusAsync(app, reference, "Confirmed", "See you on Wednesday.", "Assign to Sam.");
        Assert.Equal("Confirmed", updated.Status);
        await app.Mail.WaitForAsync(email, m => m.Subject == $"Booking {reference} is now confirmed");

        var (_, after) = await PostAsync(app, "/api/bookings/track", new { reference, email });
        Assert.Equal("Confirmed", after.GetProperty("status").GetString());
        var history = after.GetProperty("history");
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal("Requested", history[1].GetProperty("fromStatus").GetString());
        Assert.Equal("Confirmed", history[1].GetProperty("toStatus").GetString());
        Assert.Equal("See you on Wednesday.", history[1].GetProperty("note").GetString());
        Assert.DoesNotContain("Assign to Sam.", after.GetRawText());
    }
}
