using System.Text.RegularExpressions;

namespace PrimeTech.Billing.Buyers;

/// <summary>
/// The format of UK postcodes (Royal Mail's: an outward code of area and district, a space, an
/// inward code of sector digit and two unit letters; plus GIR 0AA), which the Crown dependencies
/// (GG, IM, JE) share. Format only: a well-formed postcode may not exist.
/// </summary>
public static partial class UkPostcodes
{
    public static readonly IReadOnlySet<string> Countries = new HashSet<string>(StringComparer.Ordinal) { "GB", "GG", "IM", "JE" };

    // Area: one letter (not Q, V, X) or two (second not I, J, Z); district: a digit, then a digit,
    // or a letter in the forms A9A / AA9A; inward: a digit and two letters, never C, I, K, M, O, V.
    [GeneratedRegex(@"^(?:(?:[A-PR-UWYZ]\d{1,2}|[A-PR-UWYZ][A-HK-Y]\d{1,2}|[A-PR-UWYZ]\d[A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY]) \d[ABD-HJLNP-UW-Z]{2}|GIR 0AA)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Upper-case with one space before the inward code (<c>sw1a1aa</c> → <c>SW1A 1AA</c>).</summary>
    public static string Normalise(string postcode)
    {
        var compact = string.Concat(postcode.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        return compact.Length > 3 ? $"{compact[..^3]} {compact[^3..]}" : compact;
    }

    public static bool IsValid(string normalised) => Pattern().IsMatch(normalised);
}
