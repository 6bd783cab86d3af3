using PrimeTech.BuildingBlocks.Versions;

namespace PrimeTech.BuildingBlocks.UnitTests;

/// <summary>Release versions are SemVer 2.0, listed newest first by SemVer precedence.</summary>
public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.0.1")]
    [InlineData("10.20.30")]
    [InlineData("1.0.0-alpha.1")]
    [InlineData("1.0.0-0.3.7")]
    [InlineData("1.0.0+20130313144700")]
    [InlineData("1.0.0-beta+exp.sha.5114f85")]
    public void These_are_versions(string version) => Assert.True(SemanticVersion.IsValid(version));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-alpha..1")]
    [InlineData("1.0.0 ")]
    public void These_are_not(string? version) => Assert.False(SemanticVersion.IsValid(version));

    [Fact]
    public void A_version_may_be_64_characters_long_and_no_longer()
    {
        Assert.True(SemanticVersion.IsValid("1.0.0-" + new string('a', 58)));
        Assert.False(SemanticVersion.IsValid("1.0.0-" + new string('a', 59)));
    }

    [Fact]
    public void Precedence_follows_the_SemVer_example_order()
    {
        string[] ascending =
            ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"];

        var shuffled = ascending.Reverse().ToList();
        shuffled.Sort(SemanticVersion.Precedence);

        Assert.Equal(ascending, shuffled);
    }

    [Fact]
    public void Build_metadata_does_not_count_and_numbers_beyond_a_long_still_compare()
    {
        Assert.Equal(0, SemanticVersion.Compare("1.0.0+build.1", "1.0.0+build.2"));
        Assert.True(SemanticVersion.Compare("99999999999999999999.0.0", "9999999999999999999.0.0") > 0);
    }

    [Theory]
    [InlineData("2.0.0-beta.1", true)]
    [InlineData("2.0.0", false)]
    [InlineData("2.0.0+build-1", false)]
    public void A_pre_release_has_a_dash_part_before_any_build_metadata(string version, bool preRelease) =>
        Assert.Equal(preRelease, SemanticVersion.IsPreRelease(version));
}
