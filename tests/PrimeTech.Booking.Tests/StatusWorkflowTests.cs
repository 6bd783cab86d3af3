using PrimeTech.BuildingBlocks.Errors;
using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

/// <summary>
/// The admin status workflow through its handler (the HTTP endpoint needs an admin session; see
/// the API tests for that path). Every status is reached, then every other target is tried.
/// </summary>
[Collection(BookingCollection.Name)]
public sealed class StatusWorkflowTests(BookingFixture app)
{
    private static readonly BookingStatus[] All = Enum.GetValues<BookingStatus>();

    private static readonly Dictionary<BookingStatus, BookingStatus[]> PathTo = new()
    {
        [BookingStatus.Requested] = [],
        [BookingStatus.Confirmed] = [BookingStatus.Confirmed],
        [BookingStatus.Declined] = [BookingStatus.Declined],
        [BookingStatus.Cancelled] = [BookingStatus.Cancelled],
        [BookingStatus.InProgress] = [BookingStatus.Confirmed, BookingStatus.InProgress],
        [BookingStatus.Completed] = [BookingStatus.Confirmed, BookingStatus.InProgress, BookingStatus.Completed],
    };

    private static readonly Dictionary<BookingStatus, BookingStatus[]> Allowed = new()
    {
        [BookingStatus.Requested] = [BookingStatus.Confirmed, BookingStatus.Declined, BookingStatus.Cancelled],
        [BookingStatus.Confirmed] = [BookingStatus.InProgress, BookingStatus.Cancelled],
        [BookingStatus.InProgress] = [BookingStatus.Completed],
        [BookingStatus.Declined] = [],
        [BookingStatus.Completed] = [],
        [BookingStatus.Cancelled] = [],
    };

    public static TheoryData<BookingStatus, BookingStatus> Moves()
    {
        var data = new TheoryData<BookingStatus, BookingStatus>();
        foreach (var from in All)
            foreach (var to in All)
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public async Task Only_the_workflow_moves_are_allowed_and_a_refused_one_changes_nothing(BookingStatus from, BookingStatus to)
    {
        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 9), NewEmail());
        foreach (var step in PathTo[from])
            await ChangeStatusAsync(app, reference, step.ToString());
        var before = await LoadAsync(app, reference);
        Assert.Equal(from, before!.Status);

        if (Allowed[from].Contains(to))
        {
            var after = await ChangeStatusAsync(app, reference, to.ToString(), "A note for you", "Staff only");
            Assert.Equal(to.ToString(), after.Status);
            var stored = await LoadAsync(app, reference);
            Assert.Equal(to, stored!.Status);
            var change = stored.History[^1];
            Assert.Equal(from, change.From);
            Assert.Equal(to, change.To);
            Assert.Equal(ActorKind.Admin, change.ChangedBy.Kind);
            Assert.Equal("Test Administrator", change.ChangedBy.Name);
            Assert.Equal("A note for you", change.CustomerNote);
            Assert.Equal("Staff only", change.InternalNote);
            Assert.Equal(before.IcsSequence + 1, stored.IcsSequence);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => ChangeStatusAsync(app, reference, to.ToString(), "x", "y"));
            Assert.Equal("INVALID_STATUS_TRANSITION", refused.Error.Code);
            Assert.Equal(409, refused.Error.Status);
            Assert.Equal($"A booking that is {from.Words()} cannot be changed to {to.Words()}.", refused.Detail);
            var unchanged = await LoadAsync(app, reference);
            Assert.Equal(from, unchanged!.Status);
            Assert.Equal(before.History.Count, unchanged.History.Count);
            Assert.Equal(before.IcsSequence, unchanged.IcsSequence);
        }
    }

    [Fact]
    public async Task Declining_frees_the_slot_for_another_booking()
    {
        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 11), NewEmail(), "on-site-set-up");
        Assert.DoesNotContain(At(monday, 12), SlotStarts(await AvailabilityAsync(app, "remote-support", monday)));

        await ChangeStatusAsync(app, reference, "Declined", "Sorry, no engineer is free then.");

        var remote = SlotStarts(await AvailabilityAsync(app, "remote-support", monday));
        Assert.Contains(At(monday, 11), remote);
        Assert.Contains(At(monday, 12), remote);
        await BookAsync(app, At(monday, 12), NewEmail());
    }

    [Fact]
    public async Task Cancelling_a_confirmed_booking_frees_the_slot()
    {
        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 16), NewEmail());
        await ChangeStatusAsync(app, reference, "Confirmed");
        Assert.DoesNotContain(At(monday, 16), SlotStarts(await AvailabilityAsync(app, "remote-support", monday)));

        await ChangeStatusAsync(app, reference, "Cancelled");

        Assert.Contains(At(monday, 16), SlotStarts(await AvailabilityAsync(app, "remote-support", monday)));
        await BookAsync(app, At(monday, 16), NewEmail());
    }

    [Fact]
    public async Task Confirmed_and_completed_bookings_keep_their_slot()
    {
        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 10), NewEmail());
        foreach (var step in new[] { "Confirmed", "InProgress", "Completed" })
            await ChangeStatusAsync(app, reference, step);
        Assert.DoesNotContain(At(monday, 10), SlotStarts(await AvailabilityAsync(app, "remote-support", monday)));
    }

    [Fact]
    public async Task An_unknown_status_or_booking_is_refused()
    {
        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 14), NewEmail());

        var invalid = await Assert.ThrowsAsync<DomainException>(() => ChangeStatusAsync(app, reference, "Shipped"));
        Assert.Equal("VALIDATION_FAILED", invalid.Error.Code);
        Assert.True(invalid.Errors.ContainsKey("status"));

        var missing = await Assert.ThrowsAsync<DomainException>(() => ChangeStatusAsync(app, $"BKG-{monday:yyyyMMdd}-ZZZZ", "Confirmed"));
        Assert.Equal("NOT_FOUND", missing.Error.Code);
    }

    [Fact]
    public async Task Concurrent_status_changes_of_one_booking_apply_one_after_the_other()
    {
        var monday = StartOfOwnWeek(app);
        var reference = await BookAsync(app, At(monday, 15), NewEmail());

        // Confirm and Decline race: both are legal from Requested, only the first to lock may win.
        var results = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            {
                try { await ChangeStatusAsync(app, reference, i % 2 == 0 ? "Confirmed" : "Declined"); return "ok"; }
                catch (DomainException e) { return e.Error.Code; }
            })));

        Assert.Single(results, r => r == "ok");
        Assert.All(results.Where(r => r != "ok"), r => Assert.Equal("INVALID_STATUS_TRANSITION", r));
        var stored = await LoadAsync(app, reference);
        Assert.Equal(2, stored!.History.Count);
        Assert.Equal(1, stored.IcsSequence);
    }
}
