namespace PrimeTech.Identity.Sessions;

/// <summary>"Chrome on Windows"-style names from a user agent, so customers can recognise their sessions.</summary>
public static class Devices
{
    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "Unknown device";
        var browser = Browser(userAgent);
        var system = OperatingSystem(userAgent);
        return (browser, system) switch
        {
            (null, null) => "Unknown device",
            (null, _) => system!,
            (_, null) => browser!,
            _ => $"{browser} on {system}",
        };
    }

    private static string? Browser(string ua) =>
        Has(ua, "Edg/") ? "Edge"
        : Has(ua, "OPR/") || Has(ua, "Opera") ? "Opera"
        : Has(ua, "Firefox/") ? "Firefox"
        : Has(ua, "Chrome/") || Has(ua, "Chromium/") || Has(ua, "CriOS/") ? "Chrome"
        : Has(ua, "Safari/") ? "Safari"
        : null;

    private static string? OperatingSystem(string ua) =>
        Has(ua, "iPhone") || Has(ua, "iPad") ? "iOS"
        : Has(ua, "Android") ? "Android"
        : Has(ua, "Windows") ? "Windows"
        : Has(ua, "CrOS") ? "ChromeOS"
        : Has(ua, "Mac OS X") || Has(ua, "Macintosh") ? "macOS"
        : Has(ua, "Linux") ? "Linux"
        : null;

    private static bool Has(string ua, string part) => ua.Contains(part, StringComparison.OrdinalIgnoreCase);
}
