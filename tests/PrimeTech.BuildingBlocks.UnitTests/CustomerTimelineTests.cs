using PrimeTech.BuildingBlocks.Timeline;

namespace PrimeTech.BuildingBlocks.UnitTests;

/// <summary>A module's timeline answer: newest first, at most the limit, saying whether older entries were left out.</summary>
public sealed class CustomerTimelineTests
{
    private static TimelineEntry At(int day, string kind) =>
        new(new DateTimeOffset(2026, 3, day, 12, 0, 0, TimeSpan.Zero), kind, $"{kind} on {day}", null, null, null);

    [Fact]
    public void Entries_come_newest_first_and_ties_by_kind()
    {
        var timeline = CustomerTimeline.Newest([At(1, "Order"), At(3, "Receipt"), At(3, "Invoice"), At(2, "Booking")], 10);

        Assert.Equal(["Invoice on 3", "Receipt on 3", "Booking on 2", "Order on 1"], timeline.Entries.Select(e => e.Title));
        Assert.False(timeline.More);
    }

    [Fact]
    public void Beyond_the_limit_the_oldest_are_left_out_and_that_is_said()
    {
        var timeline = CustomerTimeline.Newest([At(1, "Order"), At(2, "Order"), At(3, "Order")], 2);

        Assert.Equal(["Order on 3", "Order on 2"], timeline.Entries.Select(e => e.Title));
        Assert.True(timeline.More);
        Assert.False(CustomerTimeline.Newest([At(1, "Order"), At(2, "Order")], 2).More);
    }

    [Theory]
    [InlineData(TimelineKinds.CreditNote, "Credit note")]
    [InlineData(TimelineKinds.SignIn, "Sign-in")]
    [InlineData(TimelineKinds.Security, "Account security")]
    [InlineData(TimelineKinds.Invoice, "Invoice")]
    public void Kinds_read_as_labels(string kind, string label) => Assert.Equal(label, TimelineKinds.Label(kind));
}
