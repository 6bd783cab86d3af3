using System.Globalization;
using System.Text.RegularExpressions;

namespace PrimeTech.BuildingBlocks.Versions;

/// <summary>SemVer 2.0 versions: the shape releases must have, and their precedence for "newest first".</summary>
public static partial class SemanticVersion
{
    public const int MaxLength = 64;

    public static bool IsValid(string? version) => version is { Length: > 0 and <= MaxLength } && Shape().IsMatch(version);

    /// <summary>SemVer precedence (§11): numeric core, then a release above its pre-releases; build metadata ignored.</summary>
    public static int Compare(string a, string b)
    {
        var (coreA, preA) = Split(a);
        var (coreB, preB) = Split(b);
        for (var i = 0; i < 3; i++)
        {
            var byNumber = BigNumber(coreA[i]).CompareTo(BigNumber(coreB[i]));
            if (byNumber != 0) return byNumber;
        }
        if (preA is null || preB is null) return preA is null ? (preB is null ? 0 : 1) : -1;
        var idsA = preA.Split('.');
        var idsB = preB.Split('.');
        for (var i = 0; i < Math.Min(idsA.Length, idsB.Length); i++)
        {
            var numericA = idsA[i].All(char.IsAsciiDigit);
            var numericB = idsB[i].All(char.IsAsciiDigit);
            var byIdentifier = (numericA, numericB) switch
            {
                (true, true) => BigNumber(idsA[i]).CompareTo(BigNumber(idsB[i])),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(idsA[i], idsB[i]),
            };
            if (byIdentifier != 0) return Math.Sign(byIdentifier);
        }
        return idsA.Length.CompareTo(idsB.Length);
    }

    public static readonly IComparer<string> Precedence = Comparer<string>.Create(Compare);

    /// <summary>Whether the version has a pre-release part (<c>2.0.0-beta.1</c>).</summary>
    public static bool IsPreRelease(string version) => Split(version).PreRelease is not null;

    private static (string[] Core, string? PreRelease) Split(string version)
    {
        var withoutBuild = version.Split('+')[0];
        var dash = withoutBuild.IndexOf('-');
        var core = (dash < 0 ? withoutBuild : withoutBuild[..dash]).Split('.');
        return (core, dash < 0 ? null : withoutBuild[(dash + 1)..]);
    }

    private static System.Numerics.BigInteger BigNumber(string digits) =>
        System.Numerics.BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
