namespace PrimeTech.Licensing.Client;

public sealed class LicensingClientOptions
{
    /// <summary>The public keys shipped with the software (key id → base64), from <c>GET /api/licences/keys</c>. Pin the new key before a rotation.</summary>
    public required PinnedKeys Keys { get; init; }

    /// <summary>This machine's fingerprint; <see cref="MachineFingerprint.Current"/> by default.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Where signed leases are kept for offline use; by default the user's local application data, <c>PrimeTech/leases</c>.</summary>
    public string? LeaseCacheDirectory { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
