using PrimeTech.Licensing.Signing;

namespace PrimeTech.Licensing;

/// <summary>The <c>Licensing</c> configuration section (CODEX_HANDOFF §14).</summary>
public sealed class LicensingOptions
{
    public const string Section = "Licensing";

    /// <summary><c>Licensing:SigningKeys:N:Id|PrivateKey|Status</c>: exactly one Active key signs; Retired ones are still published.</summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>How long the installed software may run offline after a good answer (<c>Licensing:LeaseDuration</c>).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// <c>Licensing:ReleaseSilentActivationsAfter</c>: when set, an activation whose machine has not been
    /// seen for this long is released as soon as another machine activates. Off (null) by default.
    /// </summary>
    public TimeSpan? ReleaseSilentActivationsAfter { get; set; }

    /// <summary><c>Licensing:MachineSwaps:Limit</c> self-service releases per <c>Licensing:MachineSwaps:Window</c>.</summary>
    public MachineSwapOptions MachineSwaps { get; set; } = new();
}

public sealed class MachineSwapOptions
{
    public int Limit { get; set; } = 3;
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);
}
