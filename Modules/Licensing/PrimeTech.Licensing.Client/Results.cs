namespace PrimeTech.Licensing.Client;

/// <summary>What the software may conclude about its licence on this machine.</summary>
public enum LicenceState
{
    /// <summary>The server said so just now, in a correctly signed answer.</summary>
    Valid,
    /// <summary>No server answer, but a signed lease (or offline licence file) for this machine still holds.</summary>
    ValidOffline,
    /// <summary>The server (signed) said the licence does not hold here: see <see cref="LicenceResult.Code"/>.</summary>
    Invalid,
    /// <summary>Offline, and the cached lease ran out at its <c>expiresAt</c>.</summary>
    LeaseExpired,
    /// <summary>Offline, and no lease is cached for this licence on this machine.</summary>
    Unreachable,
    /// <summary>The lease, answer or licence file is for another licence or another machine.</summary>
    WrongMachine,
    /// <summary>The answer (or file) carried no signature: refused.</summary>
    Unsigned,
    /// <summary>Signed by a key this software does not pin: refused.</summary>
    UnknownSigningKey,
    /// <summary>The signature does not match the bytes (tampered, or forged): refused.</summary>
    SignatureInvalid,
}

/// <summary>The outcome of a licence call: <see cref="IsValid"/> says whether the software may run.</summary>
public sealed record LicenceResult(LicenceState State, string? Code, string Message, LicenceLease? Lease)
{
    public bool IsValid => State is LicenceState.Valid or LicenceState.ValidOffline;
}

/// <summary>The server's lease: the software may run offline on this machine until <see cref="ExpiresAt"/>.</summary>
public sealed record LicenceLease(string LicenceKey, string Fingerprint, string ProductSku, string Status, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

public enum UpdateState
{
    /// <summary>A newer release: see <see cref="UpdateResult.Update"/> (its <c>Url</c> only when the licence holds on this machine).</summary>
    Available,
    UpToDate,
    /// <summary>The server (signed) refused: see <see cref="UpdateResult.Code"/>.</summary>
    Refused,
    Unreachable,
    Unsigned,
    UnknownSigningKey,
    SignatureInvalid,
}

public sealed record UpdateResult(UpdateState State, string? Code, string Message, AvailableUpdate? Update);

/// <summary>A newer release. Check the downloaded file's SHA-256 against <see cref="Sha256"/> before installing it.</summary>
public sealed record AvailableUpdate(
    string Version, string Channel, DateTimeOffset ReleasedAt, string Notes, long SizeBytes, string Sha256, string? Url, DateTimeOffset? ExpiresAt);
