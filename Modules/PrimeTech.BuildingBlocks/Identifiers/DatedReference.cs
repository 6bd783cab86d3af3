using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.BuildingBlocks.Identifiers;

/// <summary>
/// References of the form <c>PREFIX-YYYYMMDD-XXXX</c> (orders ORD, bookings BKG): the date is the
/// creation day in Europe/London and the suffix four random Crockford characters. Uniqueness is
/// enforced by a unique index; callers retry on the rare collision.
/// </summary>
public static class DatedReference
{
    public static string New(string prefix, DateTimeOffset nowUtc) =>
        $"{prefix}-{London.ToLocal(nowUtc):yyyyMMdd}-{Crockford.Random(4)}";

    /// <summary>Trims and upper-cases input, and says whether it has the exact shape.</summary>
    public static bool TryNormalise(string prefix, string? input, out string reference)
    {
        reference = (input ?? string.Empty).Trim().ToUpperInvariant();
        var expectedLength = prefix.Length + 1 + 8 + 1 + 4;
        if (reference.Length != expectedLength || !reference.StartsWith(prefix + "-", StringComparison.Ordinal))
            return false;
        var date = reference.AsSpan(prefix.Length + 1, 8);
        foreach (var c in date)
            if (!char.IsAsciiDigit(c)) return false;
        return reference[prefix.Length + 9] == '-' && Crockford.IsCrockford(reference.AsSpan(prefix.Length + 10));
    }
}
