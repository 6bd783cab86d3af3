using PrimeTech.BuildingBlocks.Errors;
using Wolverine.Marten;
using static PrimeTech.Booking.UnitTests.Given;

namespace PrimeTech.Booking.UnitTests;

/// <summary>
/// The status workflow (PRODUCT §4.7) as the pure decision: every one of the 36 moves between the six
/// statuses is either allowed, and recorded with its storage, or refused with INVALID_STATUS_TRANSITION
/// leaving the booking as it was.
/// </summary>
public sealed class BookingTransitionTests
{
    private static readonly (BookingStatus From, BookingStatus To)[] AllowedMoves =
    [
        (BookingStatus.Requested, BookingStatus.Confirmed),
        (BookingStatus.Requested, BookingStatus.Declined),
        (BookingStatus.Requested, BookingStatus.Cancelled),
        (BookingStatus.Confirmed, BookingStatus.InProgress),
        (BookingStatus.Confirmed, BookingStatus.Cancelled),
        (BookingStatus.InProgress, BookingStatus.Completed),
    ];

    public static TheoryData<BookingStatus, BookingStatus> Allowed()
    {
        var data = new TheoryData<BookingStatus, BookingStatus>();
        foreach (var (from, to) in AllowedMoves) data.Add(from, to);
        return data;
    }

    public static TheoryData<BookingStatus, BookingStatus> Refused()
    {
        var data = new TheoryData<BookingStatus, BookingStatus>();
        foreach (var from in Enum.GetValues<BookingStatus>())
            foreach (var to in Enum.GetValues<BookingStatus>())
                if (!AllowedMoves.Contains((from, to))) data.Add(from, to);
        return data;
    }

    private static readonly ChangedBy Staff = BookingActor.Admin(Guid.NewGuid(), "Sam Staff");

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_move_is_recorded_with_its_notes_and_a_new_calendar_sequence(BookingStatus from, BookingStatus to)
    {
        var booking = Booked(from);
        var at = Now.AddHours(1);

        var decision = BookingWorkflow.ChangeStatus(booking, to, Staff, "  See you then.  ", " Assign to Sam ", at);

        Assert.True(BookingTransitions.IsAllowed(from, to));
        Assert.Equal(to, booking.Status);
        Assert.Equal(4, booking.IcsSequence);
        Assert.Equal(at, booking.UpdatedAt);
        Assert.Equal(2, booking.History.Count);
        Assert.Equal(new StatusChange(at, from, to, Staff, "See you then.", "Assign to Sam"), decision.Change);
        Assert.Same(decision.Change, booking.History[^1]);
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_move_updates_the_booking_and_frees_the_slot_only_when_declined_or_cancelled(BookingStatus from, BookingStatus to)
    {
        var booking = Booked(from);

        var storage = BookingWorkflow.ChangeStatus(booking, to, Staff, null, null, Now).Storage;

        var update = Assert.IsType<UpdateDoc<ServiceBooking>>(storage[0]);
        Assert.Same(booking, update.Document);
        if (to is BookingStatus.Declined or BookingStatus.Cancelled)
            Assert.Equal(new SlotClaims.Release(booking.Id), Assert.IsType<SlotClaims.Release>(Assert.Single(storage.Skip(1))));
        else
            Assert.Single(storage);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_refused_move_throws_409_and_leaves_the_booking_untouched(BookingStatus from, BookingStatus to)
    {
        var booking = Booked(from);

        var refused = Assert.Throws<DomainException>(() => BookingWorkflow.ChangeStatus(booking, to, Staff, "x", "y", Now));

        Assert.False(BookingTransitions.IsAllowed(from, to));
        Assert.Equal("INVALID_STATUS_TRANSITION", refused.Error.Code);
        Assert.Equal(409, refused.Error.Status);
        Assert.Equal($"A booking that is {from.Words()} cannot be changed to {to.Words()}.", refused.Detail);
        Assert.Equal(from, booking.Status);
        Assert.Single(booking.History);
        Assert.Equal(3, booking.IcsSequence);
    }

    [Theory]
    [InlineData(BookingStatus.Requested, "Confirmed,Declined,Cancelled")]
    [InlineData(BookingStatus.Confirmed, "InProgress,Cancelled")]
    [InlineData(BookingStatus.InProgress, "Completed")]
    [InlineData(BookingStatus.Declined, "")]
    [InlineData(BookingStatus.Completed, "")]
    [InlineData(BookingStatus.Cancelled, "")]
    public void Staff_are_offered_exactly_the_next_statuses_of_the_workflow(BookingStatus from, string next) =>
        Assert.Equal(next, string.Join(',', BookingTransitions.NextOf(from)));

    [Theory]
    [InlineData(BookingStatus.Requested, true, true)]
    [InlineData(BookingStatus.Confirmed, true, true)]
    [InlineData(BookingStatus.InProgress, true, false)]
    [InlineData(BookingStatus.Completed, true, false)]
    [InlineData(BookingStatus.Declined, false, false)]
    [InlineData(BookingStatus.Cancelled, false, false)]
    public void Only_declined_and_cancelled_bookings_give_their_slot_back_and_only_open_ones_can_be_cancelled(
        BookingStatus status, bool holdsSlot, bool canCancel)
    {
        var booking = Booked(status);
        Assert.Equal(holdsSlot, booking.HoldsSlot);
        Assert.Equal(canCancel, booking.CanCancel);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(" \t\n", null)]
    [InlineData("  A note  ", "A note")]
    public void Blank_notes_are_not_recorded_and_others_are_trimmed(string? note, string? recorded) =>
        Assert.Equal(recorded, BookingWorkflow.Clean(note));

    [Theory]
    [InlineData("Confirmed", BookingStatus.Confirmed)]
    [InlineData("confirmed", BookingStatus.Confirmed)]
    [InlineData("InProgress", BookingStatus.InProgress)]
    [InlineData("in progress", BookingStatus.InProgress)]
    [InlineData("CANCELLED", BookingStatus.Cancelled)]
    public void A_status_is_read_by_name_whatever_its_case_and_spaces(string text, BookingStatus status)
    {
        Assert.True(BookingStatusText.TryParse(text, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Shipped")]
    [InlineData("1")]
    [InlineData("99")]
    public void Anything_but_a_status_name_is_not_a_status(string? text)
    {
        Assert.False(BookingStatusText.TryParse(text, out _));
        Assert.Throws<FormatException>(() => BookingStatusText.Parse(text));
    }

    [Theory]
    [InlineData(BookingStatus.InProgress, "in progress", "In progress", "badge badge-ok")]
    [InlineData(BookingStatus.Requested, "requested", "Requested", "badge badge-warn")]
    [InlineData(BookingStatus.Declined, "declined", "Declined", "badge badge-error")]
    public void A_status_reads_in_words_as_a_label_and_a_badge(BookingStatus status, string words, string display, string badge)
    {
        Assert.Equal(words, status.Words());
        Assert.Equal(display, status.Display());
        Assert.Equal(badge, status.Badge());
    }
}
