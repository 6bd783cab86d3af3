using PrimeTech.Booking.Services;
using static PrimeTech.Booking.UnitTests.Given;

namespace PrimeTech.Booking.UnitTests;

/// <summary>The booking a request becomes once its Load step has claimed the slot: what is stored and what the customer is told.</summary>
public sealed class CreateBookingDecisionTests
{
    private static readonly BookableService OnSite = new() { Id = Guid.NewGuid(), Slug = "on-site-set-up", Name = "On-site set-up", DurationMinutes = 90 };

    private static ClaimedSlot Claim() => new(Guid.NewGuid(), "BKG-20260302-AB12", OnSite, LondonTime(2026, 3, 4, 10, 30), Now);

    private static CreateBooking Request(BookingAccount? account = null, string? email = " Ada@Example.test ", string? notes = "  Ring the bell  ") =>
        new("on-site-set-up", "2026-03-04T10:30:00Z", "  Ada Lovelace ", email, " 01632 960 001 ", notes, account);

    [Fact]
    public void A_guest_booking_is_requested_with_trimmed_contact_details_and_the_services_snapshot()
    {
        var claim = Claim();

        var (view, email, insert) = CreateBookingHandler.Handle(Request(), claim, Options, Site);

        var booking = Assert.IsType<ServiceBooking>(insert.Document);
        Assert.Equal(claim.BookingId, booking.Id);
        Assert.Equal("BKG-20260302-AB12", booking.Reference);
        Assert.Equal(BookingStatus.Requested, booking.Status);
        Assert.Equal(("on-site-set-up", "On-site set-up", 90), (booking.ServiceSlug, booking.ServiceName, booking.DurationMinutes));
        Assert.Equal(LondonTime(2026, 3, 4, 12), booking.EndUtc);
        Assert.Equal(("Ada Lovelace", "Ada@Example.test", "ada@example.test", "01632 960 001", "Ring the bell"),
            (booking.ContactName, booking.ContactEmail, booking.NormalizedContactEmail, booking.ContactPhone, booking.CustomerNotes));
        Assert.Null(booking.UserId);
        Assert.Equal(0, booking.IcsSequence);
        Assert.Equal(new StatusChange(Now, null, BookingStatus.Requested, BookingActor.Guest, null, null), Assert.Single(booking.History));
        Assert.Equal("Requested", view.Status);
        Assert.True(view.CanCancel);
        Assert.True(email.Email.IsRequest);
        Assert.Equal(claim.BookingId, email.BookingId);
    }

    [Fact]
    public void A_signed_in_booking_uses_the_accounts_email_and_records_the_customer()
    {
        var account = new BookingAccount(Guid.NewGuid(), "ada.account@example.test", "Ada", EmailVerified: true);

        var (_, email, insert) = CreateBookingHandler.Handle(Request(account, email: "typed@example.test", notes: "   "), Claim(), Options, Site);

        var booking = Assert.IsType<ServiceBooking>(insert.Document);
        Assert.Equal(account.UserId, booking.UserId);
        Assert.Equal("ada.account@example.test", booking.ContactEmail);
        Assert.Equal("ada.account@example.test", email.Email.To);
        Assert.Null(booking.CustomerNotes);
        Assert.Equal(new ChangedBy(ActorKind.Customer, account.UserId, "Ada Lovelace"), booking.History[0].ChangedBy);
    }

    [Theory]
    [InlineData("2026-03-04T10:30:00Z", "2026-03-04T10:30:00+00:00")]
    [InlineData("2026-03-04T10:30:00+01:00", "2026-03-04T09:30:00+00:00")]
    [InlineData("2026-03-04T10:30:00", "2026-03-04T10:30:00+00:00")]
    public void A_start_is_read_as_a_UTC_instant_and_a_time_without_offset_as_UTC(string start, string utc)
    {
        Assert.True(CreateBooking.TryParseStart(start, out var startUtc));
        Assert.Equal(utc, startUtc.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("next Tuesday")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_start(string? start) => Assert.False(CreateBooking.TryParseStart(start, out _));
}
