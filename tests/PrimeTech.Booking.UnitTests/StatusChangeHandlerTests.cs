using PrimeTech.Booking.Admin;
using PrimeTech.BuildingBlocks.Errors;
using Wolverine.Marten;
using static PrimeTech.Booking.UnitTests.Given;

namespace PrimeTech.Booking.UnitTests;

/// <summary>
/// The handlers' pure steps, given the booking their Load step found: what the caller gets back,
/// what is stored, what the customer is emailed, and who proves a guest's cancellation.
/// </summary>
public sealed class StatusChangeHandlerTests
{
    private static readonly FixedClock Clock = new(Now);

    private static ChangeBookingStatus Change(string status, string? customerNote = null, string? internalNote = null) =>
        new("BKG-20260302-7K3Q", status, customerNote, internalNote, "Sam Staff", Guid.NewGuid());

    [Fact]
    public void Staff_confirming_get_the_admin_view_and_the_customer_is_emailed_the_note_but_never_the_internal_one()
    {
        var booking = Booked();

        var (view, email, storage) = ChangeBookingStatusHandler.Handle(
            Change("confirmed", "See you on Wednesday.", "Assign to Sam."), booking, Clock, Options, Site);

        Assert.Equal("Confirmed", view.Status);
        Assert.Equal(["InProgress", "Cancelled"], view.AllowedNextStatuses);
        Assert.Equal("Assign to Sam.", view.History![^1].InternalNote);
        Assert.Equal(booking.Id, email.BookingId);
        Assert.Equal("Ada@Example.test", email.Email.To);
        Assert.Equal(BookingStatus.Confirmed, email.Email.Status);
        Assert.False(email.Email.IsRequest);
        Assert.Equal("See you on Wednesday.", email.Email.CustomerNote);
        Assert.DoesNotContain("Assign to Sam.", System.Text.Encoding.UTF8.GetString(email.Email.Calendar.Content!));
        Assert.IsType<UpdateDoc<ServiceBooking>>(Assert.Single(storage));
    }

    [Fact]
    public void Staff_declining_free_the_slot_and_the_calendar_invitation_is_cancelled()
    {
        var booking = Booked();

        var (_, email, storage) = ChangeBookingStatusHandler.Handle(Change("Declined"), booking, Clock, Options, Site);

        Assert.Contains(storage, op => op is SlotClaims.Release release && release.BookingId == booking.Id);
        Assert.Equal("text/calendar; charset=utf-8; method=CANCEL", email.Email.Calendar.ContentType);
        Assert.Equal("BKG-20260302-7K3Q.ics", email.Email.Calendar.FileName);
    }

    [Fact]
    public void Staff_cannot_reopen_a_completed_booking()
    {
        var refused = Assert.Throws<DomainException>(() =>
            ChangeBookingStatusHandler.Handle(Change("Requested"), Booked(BookingStatus.Completed), Clock, Options, Site));
        Assert.Equal("INVALID_STATUS_TRANSITION", refused.Error.Code);
    }

    [Fact]
    public void The_signed_in_owner_cancels_without_proof_and_is_recorded_as_the_customer()
    {
        var owner = Guid.NewGuid();
        var booking = Booked(BookingStatus.Confirmed, owner);

        var (cancelled, email, storage) = CancelBookingHandler.Handle(
            new CancelBooking(booking.Reference, null, " Plans changed ", owner), booking, Clock, Options, Site);

        Assert.Equal("Cancelled", cancelled.Owner!.Status);
        Assert.Equal("Cancelled", cancelled.OrThrow().Status);
        Assert.Equal(new ChangedBy(ActorKind.Customer, owner, "Ada Lovelace"), booking.History[^1].ChangedBy);
        Assert.Equal("Plans changed", booking.History[^1].CustomerNote);
        Assert.Equal(BookingStatus.Cancelled, email!.Email.Status);
        Assert.Contains(storage, op => op is SlotClaims.Release);
    }

    [Fact]
    public void A_guest_proving_the_booking_with_its_email_in_any_case_cancels_and_sees_the_tracking_view_only()
    {
        var booking = Booked();

        var (cancelled, email, _) = CancelBookingHandler.Handle(
            new CancelBooking("bkg-20260302-7k3q", "  ADA@example.TEST ", null, null), booking, Clock, Options, Site);

        Assert.Null(cancelled.Owner);
        Assert.Equal("Cancelled", cancelled.Tracked!.Status);
        Assert.Equal(BookingActor.Guest, booking.History[^1].ChangedBy);
        Assert.NotNull(email);
    }

    [Fact]
    public void A_signed_in_customer_who_is_not_the_owner_proves_it_like_a_guest()
    {
        var booking = Booked(BookingStatus.Requested, Guid.NewGuid());

        var (cancelled, _, _) = CancelBookingHandler.Handle(
            new CancelBooking(booking.Reference, "ada@example.test", null, Guid.NewGuid()), booking, Clock, Options, Site);

        Assert.Null(cancelled.Owner);
        Assert.Equal(ActorKind.Guest, booking.History[^1].ChangedBy.Kind);
    }

    [Fact]
    public void A_wrong_email_is_not_found_changes_nothing_and_counts_a_failure_on_the_reference_and_the_email()
    {
        var booking = Booked();

        var (cancelled, email, storage) = CancelBookingHandler.Handle(
            new CancelBooking(booking.Reference, "Eve@Example.test", null, null), booking, Clock, Options, Site);

        Assert.Same(CancelledBooking.NotFound, cancelled);
        Assert.Null(email);
        Assert.Equal(BookingStatus.Requested, booking.Status);
        var failure = Assert.IsType<TrackingThrottle.Failure>(Assert.Single(storage));
        Assert.Equal(["reference:BKG-20260302-7K3Q", "email:eve@example.test"], failure.Keys);
        Assert.Equal(Now, failure.Now);
        Assert.Throws<DomainException>(() => cancelled.OrThrow());
    }

    [Fact]
    public void An_unknown_reference_with_an_email_counts_a_failure_too()
    {
        var (cancelled, _, storage) = CancelBookingHandler.Handle(
            new CancelBooking("BKG-20260302-ZZZZ", "ada@example.test", null, null), null, Clock, Options, Site);

        Assert.Same(CancelledBooking.NotFound, cancelled);
        Assert.IsType<TrackingThrottle.Failure>(Assert.Single(storage));
    }

    [Fact]
    public void A_signed_in_non_owner_without_an_email_is_not_found_and_nothing_is_counted()
    {
        var (cancelled, email, storage) = CancelBookingHandler.Handle(
            new CancelBooking("BKG-20260302-7K3Q", null, null, Guid.NewGuid()), Booked(userId: Guid.NewGuid()), Clock, Options, Site);

        Assert.Same(CancelledBooking.NotFound, cancelled);
        Assert.Null(email);
        Assert.Empty(storage);
    }

    [Fact]
    public void The_owner_cannot_cancel_a_booking_already_in_progress()
    {
        var owner = Guid.NewGuid();
        var refused = Assert.Throws<DomainException>(() => CancelBookingHandler.Handle(
            new CancelBooking("BKG-20260302-7K3Q", null, null, owner), Booked(BookingStatus.InProgress, owner), Clock, Options, Site));
        Assert.Equal("A booking that is in progress cannot be changed to cancelled.", refused.Detail);
    }

    [Fact]
    public void Cancelling_through_the_emailed_link_is_a_guest_cancellation_with_the_reason()
    {
        var booking = Booked(BookingStatus.Confirmed);

        var (tracked, email, storage) = CancelBookingByLinkHandler.Handle(
            new CancelBookingByLink("token", "Found another engineer"), booking, Clock, Options, Site);

        Assert.Equal("Cancelled", tracked.Status);
        Assert.False(tracked.CanCancel);
        Assert.Equal(new StatusChange(Now, BookingStatus.Confirmed, BookingStatus.Cancelled, BookingActor.Guest, "Found another engineer", null),
            booking.History[^1]);
        Assert.Equal("Found another engineer", email.Email.CustomerNote);
        Assert.Equal(2, storage.Count());
    }
}
