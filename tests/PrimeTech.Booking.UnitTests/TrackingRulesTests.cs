using static PrimeTech.Booking.UnitTests.Given;

namespace PrimeTech.Booking.UnitTests;

/// <summary>The emailed tracking link's token and the counters that throttle guesses at a reference and its email.</summary>
public sealed class TrackingRulesTests
{
    [Fact]
    public void A_new_token_is_43_url_safe_characters_and_never_repeats()
    {
        var tokens = Enumerable.Range(0, 50).Select(_ => TrackingToken.New()).ToList();

        Assert.All(tokens, t => Assert.True(TrackingToken.IsWellFormed(t), t));
        Assert.All(tokens, t => Assert.Equal(43, t.Length));
        Assert.Equal(50, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP")]   // 42
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR")] // 44
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN+/Q")]  // base64, not base64url
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN=OP")]
    public void Anything_else_is_refused_before_the_database_is_asked(string? token) =>
        Assert.False(TrackingToken.IsWellFormed(token));

    [Fact]
    public void Only_the_lower_case_SHA_256_of_a_token_is_stored() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TrackingToken.Hash("abc"));

    [Fact]
    public void A_guess_counts_against_its_reference_then_its_email()
    {
        Assert.Equal(["reference:BKG-20260302-7K3Q", "email:ada@example.test"],
            TrackingThrottle.KeysOf("BKG-20260302-7K3Q", " Ada@Example.TEST "));
        Assert.Equal(["email:ada@example.test"], TrackingThrottle.KeysOf(null, "ada@example.test"));
        Assert.Equal(["reference:BKG-20260302-7K3Q"], TrackingThrottle.KeysOf("BKG-20260302-7K3Q", "  "));
        Assert.Empty(TrackingThrottle.KeysOf(null, null));
    }

    [Theory]
    [InlineData(" bkg-20260302-7k3q ", "BKG-20260302-7K3Q")]
    [InlineData("BKG-20260302-7K3I", null)] // I is not Crockford
    [InlineData("BKG-2026032-7K3Q", null)]
    [InlineData("ORD-20260302-7K3Q", null)]
    public void Only_a_well_formed_reference_is_counted(string reference, string? counted) =>
        Assert.Equal(counted, TrackBookingHandler.NormalisedReference(reference));

    [Fact]
    public void Tracking_with_the_bookings_email_in_any_case_shows_it_and_counts_nothing()
    {
        var (answer, storage) = TrackBookingHandler.Handle(new TrackBooking("bkg-20260302-7k3q", " ADA@example.test"), Booked(), new FixedClock(Now));

        Assert.Equal("BKG-20260302-7K3Q", answer.OrThrow().Reference);
        Assert.Empty(storage);
    }

    [Fact]
    public void Tracking_with_another_email_shows_nothing_and_counts_a_failure_on_both_keys()
    {
        var (answer, storage) = TrackBookingHandler.Handle(new TrackBooking("BKG-20260302-7K3Q", "eve@example.test"), Booked(), new FixedClock(Now));

        Assert.Null(answer.Booking);
        var failure = Assert.IsType<TrackingThrottle.Failure>(Assert.Single(storage));
        Assert.Equal(Now, failure.Now);
        Assert.Equal(["reference:BKG-20260302-7K3Q", "email:eve@example.test"], failure.Keys);
    }

    [Fact]
    public void Tracking_a_malformed_reference_counts_the_failure_on_the_email_alone()
    {
        var (answer, storage) = TrackBookingHandler.Handle(new TrackBooking("BKG-1", "ada@example.test"), null, new FixedClock(Now));

        Assert.Null(answer.Booking);
        Assert.Equal(["email:ada@example.test"], Assert.IsType<TrackingThrottle.Failure>(Assert.Single(storage)).Keys);
    }
}
