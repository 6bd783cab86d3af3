using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PrimeTech.Licensing.Client;

/// <summary>
/// A stable fingerprint of this machine, the same on every run and after reinstalling the software:
/// <list type="bullet">
/// <item>Windows: <c>HKLM\SOFTWARE\Microsoft\Cryptography\MachineGuid</c> (64-bit view), set when Windows is installed;</item>
/// <item>Linux: <c>/etc/machine-id</c> (else <c>/var/lib/dbus/machine-id</c>), set when the system is installed;</item>
/// <item>macOS: the hardware <c>IOPlatformUUID</c> (<c>ioreg -rd1 -c IOPlatformExpertDevice</c>).</item>
/// </list>
/// The raw id never leaves the machine: the fingerprint is <c>ptm1-</c> and the hex SHA-256 of the
/// application name and the id, so two vendors' software cannot match their customers' machines.
/// It changes when the operating system is reinstalled (release the old machine from the account).
/// </summary>
public static partial class MachineFingerprint
{
    public static string Current(string application = "PrimeTech") => From(application, RawMachineId());

    /// <summary>The fingerprint of a given raw machine id (for tests and for tools that read the id elsewhere).</summary>
    public static string From(string application, string rawMachineId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(application + "\n" + rawMachineId.Trim().ToLowerInvariant()));
        return "ptm1-" + Convert.ToHexStringLower(hash);
    }

    private static string RawMachineId()
    {
        if (OperatingSystem.IsWindows())
        {
            using var baseKey = Microsoft.Win32.RegistryKey.OpenBaseKey(Microsoft.Win32.RegistryHive.LocalMachine, Microsoft.Win32.RegistryView.Registry64);
            using var key = baseKey.OpenSubKey(@"SOFTWARE\Microsoft\Cryptography");
            return key?.GetValue("MachineGuid") as string ?? throw Unavailable("MachineGuid is missing from the registry");
        }
        if (OperatingSystem.IsMacOS())
        {
            using var ioreg = Process.Start(new ProcessStartInfo("ioreg", "-rd1 -c IOPlatformExpertDevice")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }) ?? throw Unavailable("ioreg could not be started");
            var output = ioreg.StandardOutput.ReadToEnd();
            ioreg.WaitForExit();
            return PlatformUuid().Match(output) is { Success: true } match ? match.Groups[1].Value : throw Unavailable("ioreg printed no IOPlatformUUID");
        }
        foreach (var path in new[] { "/etc/machine-id", "/var/lib/dbus/machine-id" })
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } id)
                return id;
        throw Unavailable("neither /etc/machine-id nor /var/lib/dbus/machine-id holds an id");
    }

    private static PlatformNotSupportedException Unavailable(string why) => new($"This machine has no stable id: {why}.");

    [GeneratedRegex("\"IOPlatformUUID\"\\s*=\\s*\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformUuid();
}
