using System.Text.RegularExpressions;

namespace PrimeTech.Booking.Bookings;

public static partial class ContactRules
{
    public static bool IsEmail(string? value) =>
        value is not null && value.Trim().Length <= 254 && EmailPattern().IsMatch(value.Trim());

    /// <summary>UK or international numbers: digits with spaces, brackets, hyphens and a leading +; 7 to 15 digits.</summary>
    public static bool IsPhone(string? value) =>
        value is not null && PhonePattern().IsMatch(value.Trim()) && value.Count(char.IsAsciiDigit) is >= 7 and <= 15;

    public static string NormaliseEmail(string? value) => (value ?? "").Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()\-]{7,24}$")]
    private static partial Regex PhonePattern();
}
