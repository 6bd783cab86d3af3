using System.Text.RegularExpressions;

namespace PrimeTech.BuildingBlocks.Identifiers;

/// <summary>
/// Licence keys <c>LIC-XXXX-XXXX-XXXX</c>: twelve Crockford characters (60 bits) from the CSPRNG.
/// Input is trimmed and upper-cased, and nothing else: any other deviation is invalid.
/// </summary>
public static partial class LicenceKey
{
    public const string Example = "LIC-7QK2-M4XD-9TRB";

    public static string New() => $"LIC-{Crockford.Random(4)}-{Crockford.Random(4)}-{Crockford.Random(4)}";

    /// <summary>Trims and upper-cases <paramref name="input"/>, and says whether it has the exact shape of a key.</summary>
    public static bool TryNormalise(string? input, out string key)
    {
        key = (input ?? string.Empty).Trim().ToUpperInvariant();
        return Shape().IsMatch(key);
    }

    [GeneratedRegex("^LIC-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
