using System.Globalization;

namespace PrimeTech.Storage.Releases;

/// <summary>File sizes as people read them (FRONTEND_HANDOFF §1.3): <c>12.4 MB</c>, 1 MB = 1,000,000 bytes; <c>512 bytes</c>.</summary>
public static class FileSize
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string Format(long bytes) => bytes switch
    {
        1 => "1 byte",
        < 1_000 => $"{bytes.ToString("N0", EnGb)} bytes",
        < 1_000_000 => $"{(bytes / 1_000d).ToString("0.0", EnGb)} kB",
        < 1_000_000_000 => $"{(bytes / 1_000_000d).ToString("0.0", EnGb)} MB",
        _ => $"{(bytes / 1_000_000_000d).ToString("#,0.0", EnGb)} GB",
    };
}
