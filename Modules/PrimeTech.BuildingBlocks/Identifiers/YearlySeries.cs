namespace PrimeTech.BuildingBlocks.Identifiers;

/// <summary>Numbers of the form <c>PREFIX-YYYY-NNNNNN</c> (invoices INV, receipts RCP).</summary>
public static class YearlySeries
{
    public const long MaxPerYear = 999_999;

    public static string Format(string prefix, int year, long number) => $"{prefix}-{year:D4}-{number:D6}";

    /// <summary>The counter row name of a series in a year, e.g. <c>INV-2026</c>.</summary>
    public static string SeriesName(string prefix, int year) => $"{prefix}-{year:D4}";
}
