using System.Text.RegularExpressions;

namespace PrimeTech.Billing.Buyers;

/// <summary>
/// One kind of VAT number: its two-letter prefix, the pattern of what follows (anchored), an
/// example for messages, and the countries (ISO 3166-1 alpha-2) whose addresses may carry it.
/// </summary>
public sealed record VatNumberFormat(string Prefix, Regex Rest, string Example, IReadOnlyList<string> Countries);

/// <summary>
/// VAT numbers recorded on invoices, checked by format only (not against HMRC or VIES): UK numbers
/// (GB; XI for Northern Ireland under the Windsor Framework) and the EU member states' numbers in
/// the formats the European Commission's VIES lists. Greece uses EL, not its ISO code GR.
/// </summary>
public static class VatNumbers
{
    // GB and XI: 9 digits (standard), 12 (a branch: 9 + a 3-digit branch number), GD000–GD499
    // (government departments) or HA500–HA999 (health authorities).
    private const string UnitedKingdom = @"\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2}";

    public static readonly IReadOnlyList<VatNumberFormat> Formats =
    [
        Format("GB", UnitedKingdom, "GB123456789", "GB", "IM"),
        Format("XI", UnitedKingdom, "XI123456789", "GB"),
        Format("AT", @"U\d{8}", "ATU12345678", "AT"),
        Format("BE", @"[01]\d{9}", "BE0123456789", "BE"),
        Format("BG", @"\d{9,10}", "BG123456789", "BG"),
        Format("CY", @"\d{8}[A-Z]", "CY12345678X", "CY"),
        Format("CZ", @"\d{8,10}", "CZ12345678", "CZ"),
        Format("DE", @"\d{9}", "DE123456789", "DE"),
        Format("DK", @"\d{8}", "DK12345678", "DK"),
        Format("EE", @"\d{9}", "EE123456789", "EE"),
        Format("EL", @"\d{9}", "EL123456789", "GR"),
        Format("ES", @"[A-Z]\d{7}[A-Z0-9]|\d{8}[A-Z]", "ESX1234567X", "ES"),
        Format("FI", @"\d{8}", "FI12345678", "FI"),
        Format("FR", @"[0-9A-HJ-NP-Z]{2}\d{9}", "FR12345678901", "FR", "MC"),
        Format("HR", @"\d{11}", "HR12345678901", "HR"),
        Format("HU", @"\d{8}", "HU12345678", "HU"),
        Format("IE", @"\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W]", "IE1234567WA", "IE"),
        Format("IT", @"\d{11}", "IT12345678901", "IT"),
        Format("LT", @"\d{9}|\d{12}", "LT123456789", "LT"),
        Format("LU", @"\d{8}", "LU12345678", "LU"),
        Format("LV", @"\d{11}", "LV12345678901", "LV"),
        Format("MT", @"\d{8}", "MT12345678", "MT"),
        Format("NL", @"\d{9}B\d{2}", "NL123456789B01", "NL"),
        Format("PL", @"\d{10}", "PL1234567890", "PL"),
        Format("PT", @"\d{9}", "PT123456789", "PT"),
        Format("RO", @"[1-9]\d{1,9}", "RO1234567890", "RO"),
        Format("SE", @"\d{10}01", "SE123456789001", "SE"),
        Format("SI", @"\d{8}", "SI12345678", "SI"),
        Format("SK", @"\d{10}", "SK1234567890", "SK"),
    ];

    private static readonly Dictionary<string, VatNumberFormat> ByPrefix = Formats.ToDictionary(f => f.Prefix, StringComparer.Ordinal);

    /// <summary>Upper-case, without the spaces, dots and hyphens people type in; null when blank.</summary>
    public static string? Normalise(string? vatNumber)
    {
        if (string.IsNullOrWhiteSpace(vatNumber)) return null;
        return string.Concat(vatNumber.Where(c => c is not (' ' or '.' or '-'))).ToUpperInvariant();
    }

    /// <summary>Why <paramref name="vatNumber"/> (normalised) cannot be recorded for an address in <paramref name="country"/>, or null if it can.</summary>
    public static string? Problem(string vatNumber, string country)
    {
        var formats = Formats.Where(f => f.Countries.Contains(country)).ToList();
        if (formats.Count == 0)
            return "We can record UK and EU VAT numbers only: leave the VAT number empty for an address in this country";
        if (vatNumber.Length < 2 || !ByPrefix.TryGetValue(vatNumber[..2], out var format))
            return $"Enter the VAT number with its country prefix, like {formats[0].Example}";
        if (!format.Countries.Contains(country))
            return $"A VAT number starting {format.Prefix} is not for an address in {Countries.NameOf(country)}: use one like {formats[0].Example}";
        if (!format.Rest.IsMatch(vatNumber[2..]))
            return $"Enter a {format.Prefix} VAT number in the correct format, like {format.Example}";
        return null;
    }

    private static VatNumberFormat Format(string prefix, string rest, string example, params string[] countries) =>
        new(prefix, new Regex($"^(?:{rest})$", RegexOptions.CultureInvariant | RegexOptions.Compiled), example, countries);
}
