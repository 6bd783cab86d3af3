using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.BuildingBlocks.UnitTests;

/// <summary>The identifiers customers read out and type back: dated references, licence keys and yearly document numbers.</summary>
public sealed class IdentifierTests
{
    [Fact]
    public void Crockford_base32_has_32_symbols_and_none_of_I_L_O_U()
    {
        Assert.Equal(32, Crockford.Alphabet.Distinct().Count());
        Assert.DoesNotContain(Crockford.Alphabet, c => "ILOU".Contains(c, StringComparison.Ordinal));
        Assert.True(Crockford.IsCrockford("0123456789ABCDEFGHJKMNPQRSTVWXYZ"));
        Assert.False(Crockford.IsCrockford("7K3I"));
        Assert.False(Crockford.IsCrockford("7k3q"));
    }

    [Fact]
    public void Random_Crockford_text_has_the_length_asked_for_and_only_its_symbols()
    {
        var text = Crockford.Random(400);
        Assert.Equal(400, text.Length);
        Assert.True(Crockford.IsCrockford(text));
        Assert.True(text.Distinct().Count() > 20);
    }

    [Fact]
    public void A_dated_reference_carries_the_London_date_of_its_creation()
    {
        // 23:30 UTC on 30 June is already 1 July in London.
        var reference = DatedReference.New("BKG", new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero));
        Assert.StartsWith("BKG-20260701-", reference, StringComparison.Ordinal);
        Assert.True(DatedReference.TryNormalise("BKG", reference, out var normalised));
        Assert.Equal(reference, normalised);

        Assert.StartsWith("ORD-20261231-", DatedReference.New("ORD", new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BKG-20260302-7K3Q", "BKG-20260302-7K3Q")]
    [InlineData("  bkg-20260302-7k3q\t", "BKG-20260302-7K3Q")]
    public void A_reference_is_trimmed_and_upper_cased(string typed, string reference)
    {
        Assert.True(DatedReference.TryNormalise("BKG", typed, out var normalised));
        Assert.Equal(reference, normalised);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ORD-20260302-7K3Q")]   // another prefix
    [InlineData("BKG-2026030-27K3Q")]   // dash in the wrong place
    [InlineData("BKG-2026O302-7K3Q")]   // a letter in the date
    [InlineData("BKG-20260302-7K3U")]   // U is not Crockford
    [InlineData("BKG-20260302-7K3")]    // too short
    [InlineData("BKG-20260302-7K3QQ")]  // too long
    [InlineData("BKG_20260302_7K3Q")]
    [InlineData("BKG-20260302 7K3Q")]
    public void Anything_else_is_not_a_reference(string? typed) =>
        Assert.False(DatedReference.TryNormalise("BKG", typed, out _));

    [Fact]
    public void A_new_licence_key_has_the_shape_of_the_example()
    {
        var key = LicenceKey.New();
        Assert.Matches("^LIC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", key);
        Assert.True(LicenceKey.TryNormalise(key, out _));
        Assert.True(LicenceKey.TryNormalise(LicenceKey.Example, out _));
    }

    [Theory]
    [InlineData(" lic-7qk2-m4xd-9trb ", true)]
    [InlineData("LIC-7QK2-M4XD-9TRI", false)] // I
    [InlineData("LIC-7QK2-M4XD-9TRL", false)] // L
    [InlineData("LIC-7QK2-M4XD-9TR0", true)]  // zero is a digit
    [InlineData("LIC-7QK2M4XD9TRB", false)]
    [InlineData("LIC-7QK2-M4XD-9TRB-AAAA", false)]
    [InlineData("LIC 7QK2 M4XD 9TRB", false)]
    [InlineData("LIC-7QK2 -M4XD-9TRB", false)]
    public void A_licence_key_is_trimmed_and_upper_cased_and_nothing_more(string typed, bool valid)
    {
        Assert.Equal(valid, LicenceKey.TryNormalise(typed, out var key));
        if (valid) Assert.Equal(typed.Trim().ToUpperInvariant(), key);
    }

    [Theory]
    [InlineData("INV", 2026, 1, "INV-2026-000001")]
    [InlineData("RCP", 2026, 42, "RCP-2026-000042")]
    [InlineData("CRN", 2027, 999_999, "CRN-2027-999999")]
    public void Yearly_numbers_have_six_digits_after_the_year(string prefix, int year, long number, string formatted) =>
        Assert.Equal(formatted, YearlySeries.Format(prefix, year, number));

    [Fact]
    public void A_series_counts_per_prefix_and_year()
    {
        Assert.Equal("INV-2026", YearlySeries.SeriesName("INV", 2026));
        Assert.NotEqual(YearlySeries.SeriesName("INV", 2026), YearlySeries.SeriesName("INV", 2027));
        Assert.Equal(999_999, YearlySeries.MaxPerYear);
    }
}
