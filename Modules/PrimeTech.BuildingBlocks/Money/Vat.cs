using System.Globalization;

namespace PrimeTech.BuildingBlocks.Money;

/// <summary>Money is a <see cref="long"/> of pence; VAT rates are percentages with up to two decimals.</summary>
public static class Vat
{
    /// <summary>VAT on a net amount, rounded half-up to the penny (amounts are never negative).</summary>
    public static long On(long netPence, decimal ratePercent) =>
        (long)decimal.Round(netPence * ratePercent / 100m, 0, MidpointRounding.AwayFromZero);

    public static long Gross(long netPence, decimal ratePercent) => netPence + On(netPence, ratePercent);

    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>£1,234.56</summary>
    public static string Pounds(long pence) => (pence / 100m).ToString("C", Uk);
}
