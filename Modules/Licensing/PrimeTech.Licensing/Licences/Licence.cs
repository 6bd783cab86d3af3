using PrimeTech.BuildingBlocks.Errors;
using System.Globalization;

namespace PrimeTech.Licensing.Licences;

/// <summary>
/// One licence key for one copy of a licensed product, usable on one machine at a time
/// (<see cref="MaxActivations"/> is always 1). Stored with optimistic concurrency, so of two
/// writers that read the same version only the first commits.
/// </summary>
public sealed class Licence
{
    public const int MaxActivationsPerLicence = 1;

    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public Guid UserId { get; set; }
    /// <summary>Lower-case, for admin search.</summary>
    public string UserEmail { get; set; } = "";
    public Guid ProductId { get; set; }
    public string ProductSku { get; set; } = "";
    public string ProductName { get; set; } = "";
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public LicenceStatus Status { get; set; }
    public int MaxActivations { get; set; } = MaxActivationsPerLicence;
    public Activation? Activation { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary><c>Refunded</c>, or the reason an admin gave.</summary>
    public string? RevokedReason { get; set; }
    public List<LicenceEvent> History { get; set; } = [];

    public const string RefundedReason = "Refunded";

    public bool IsRevoked => Status == LicenceStatus.Revoked;

    public static Licence Issue(string key, Guid userId, string userEmail, Guid productId, string productSku, string productName,
        Guid orderId, string orderNumber, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        Key = key,
        UserId = userId,
        UserEmail = userEmail.Trim().ToLowerInvariant(),
        ProductId = productId,
        ProductSku = productSku,
        ProductName = productName,
        OrderId = orderId,
        OrderNumber = orderNumber,
        Status = LicenceStatus.Active,
        MaxActivations = MaxActivationsPerLicence,
        IssuedAt = now,
        History = [new LicenceEvent(now, LicenceAction.Issued, null, LicenceActor.System)],
    };

    /// <summary>
    /// Activates on the machine with <paramref name="fingerprint"/>. Returns whether anything changed:
    /// the same machine again only updates its name when a different one is given. When
    /// <paramref name="releaseSilentAfter"/> is set, a machine not seen for that long is released first.
    /// </summary>
    public bool Activate(string fingerprint, string? machineName, DateTimeOffset now, TimeSpan? releaseSilentAfter = null)
    {
        EnsureNotRevoked("activated");
        if (Activation is { } silent && releaseSilentAfter is { } after && now - silent.LastSeen() >= after
            && !string.Equals(silent.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            Activation = null;
            History.Add(new LicenceEvent(now, LicenceAction.Released, null, LicenceActor.System,
                $"Not seen for {after.TotalDays:0.#} days", silent.Fingerprint, silent.MachineName));
        }
        if (Activation is { } current)
        {
            EnsureSameMachine(current, fingerprint);
            if (machineName is null || machineName == current.MachineName) return false;
            Activation = current with { MachineName = machineName };
            return true;
        }

        Activation = new Activation(fingerprint, machineName, now, null);
        History.Add(new LicenceEvent(now, LicenceAction.Activated, null, LicenceActor.Software, Fingerprint: fingerprint, MachineName: machineName));
        return true;
    }

    /// <summary>
    /// Issues an offline licence file for the machine with <paramref name="fingerprint"/>: it is the
    /// licence's one activation (the same machine already active keeps its activation and gets the file).
    /// Returns the file's id, recorded on the activation and in the history.
    /// </summary>
    public Guid IssueOfflineFile(string fingerprint, string? machineName, Guid byUserId, LicenceActor byRole, DateTimeOffset now)
    {
        EnsureNotRevoked("issued as a file");
        if (Activation is { } current) EnsureSameMachine(current, fingerprint);
        var fileId = Guid.NewGuid();
        Activation = Activation is { } same
            ? same with { OfflineFileId = fileId, MachineName = machineName ?? same.MachineName }
            : new Activation(fingerprint, machineName, now, null, OfflineFileId: fileId);
        History.Add(new LicenceEvent(now, LicenceAction.OfflineFileIssued, byUserId, byRole, Fingerprint: fingerprint, MachineName: Activation.MachineName));
        return fileId;
    }

    /// <summary>The activated machine checked in: its last-seen time is now.</summary>
    public void Heartbeat(string fingerprint, DateTimeOffset now)
    {
        EnsureNotRevoked("checked in");
        if (Activation is not { } current)
            throw new DomainException(LicensingErrors.NotActivated, $"Licence {Key} is not activated on any machine. Activate it first.");
        if (!string.Equals(current.Fingerprint, fingerprint, StringComparison.Ordinal))
            throw new DomainException(LicensingErrors.FingerprintMismatch, $"Licence {Key} is activated on a different machine.");
        Activation = current with { LastSeenAt = now };
    }

    private void EnsureSameMachine(Activation current, string fingerprint)
    {
        if (!string.Equals(current.Fingerprint, fingerprint, StringComparison.Ordinal))
            throw new DomainException(LicensingErrors.ActivationLimitReached,
                $"Licence {Key} is already activated on another machine. Deactivate it there, or release the machine from your account, then try again.");
    }

    /// <summary>The installed software frees its seat. Returns whether anything changed.</summary>
    public bool Deactivate(string fingerprint, DateTimeOffset now)
    {
        EnsureNotRevoked("deactivated");
        if (Activation is not { } current) return false;
        if (!string.Equals(current.Fingerprint, fingerprint, StringComparison.Ordinal))
            throw new DomainException(LicensingErrors.FingerprintMismatch,
                $"Licence {Key} is activated on a different machine, so this machine cannot deactivate it.");
        Activation = null;
        History.Add(new LicenceEvent(now, LicenceAction.Deactivated, null, LicenceActor.Software,
            Fingerprint: current.Fingerprint, MachineName: current.MachineName));
        return true;
    }

    /// <summary>
    /// The customer frees the seat from their account, at most <see cref="MachineSwapOptions.Limit"/>
    /// times per <see cref="MachineSwapOptions.Window"/> (an admin's reset is the override and is not
    /// counted). Returns whether anything changed.
    /// </summary>
    public bool Release(Guid customerId, DateTimeOffset now, MachineSwapOptions swaps)
    {
        EnsureNotRevoked("changed");
        if (Activation is not { } current) return false;
        var recent = History.Where(h => h is { Action: LicenceAction.Released, ByRole: LicenceActor.Customer } && h.At > now - swaps.Window)
            .Select(h => h.At).Order().ToList();
        if (recent.Count >= swaps.Limit)
        {
            var nextAllowed = recent[^swaps.Limit] + swaps.Window;
            throw new DomainException(LicensingErrors.DeviceSwapLimitReached,
                $"You have released this licence's machine {recent.Count} times in the last {swaps.Window.TotalDays:0.#} days. " +
                $"You can release it again after {nextAllowed:yyyy-MM-dd HH:mm} UTC, or contact us to have it released.",
                extensions: new Dictionary<string, string> { ["nextReleaseAt"] = nextAllowed.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) });
        }
        Activation = null;
        History.Add(new LicenceEvent(now, LicenceAction.Released, customerId, LicenceActor.Customer,
            Fingerprint: current.Fingerprint, MachineName: current.MachineName));
        return true;
    }

    /// <summary>An admin frees the seat (allowed in any status). Returns whether anything changed.</summary>
    public bool Reset(Guid adminId, string? reason, DateTimeOffset now)
    {
        if (Activation is not { } current) return false;
        Activation = null;
        History.Add(new LicenceEvent(now, LicenceAction.Reset, adminId, LicenceActor.Admin, reason,
            current.Fingerprint, current.MachineName));
        return true;
    }

    public void RevokeByAdmin(Guid adminId, string reason, DateTimeOffset now)
    {
        if (IsRevoked)
            throw new DomainException(LicensingErrors.InvalidStatusTransition, $"Licence {Key} is already revoked.");
        Revoke(now, reason, adminId, LicenceActor.Admin);
    }

    /// <summary>The order was refunded. Idempotent; the activation is kept for the record.</summary>
    public bool RevokeForRefund(DateTimeOffset now)
    {
        if (IsRevoked) return false;
        Revoke(now, RefundedReason, null, LicenceActor.System);
        return true;
    }

    public void Reinstate(Guid adminId, string reason, DateTimeOffset now)
    {
        if (!IsRevoked)
            throw new DomainException(LicensingErrors.InvalidStatusTransition, $"Licence {Key} is active, so it cannot be reinstated.");
        Status = LicenceStatus.Active;
        RevokedAt = null;
        RevokedReason = null;
        History.Add(new LicenceEvent(now, LicenceAction.Reinstated, adminId, LicenceActor.Admin, reason));
    }

    /// <summary>
    /// Records that the activated machine checked in, at most once an hour (so validation,
    /// which software may call often, rarely writes). Returns whether anything changed.
    /// </summary>
    public bool RecordValidation(DateTimeOffset now)
    {
        if (Activation is not { } current) return false;
        if (current.LastValidatedAt is { } last && now - last < ValidationWriteInterval) return false;
        Activation = current with { LastValidatedAt = now };
        return true;
    }

    public static readonly TimeSpan ValidationWriteInterval = TimeSpan.FromHours(1);

    private void Revoke(DateTimeOffset now, string reason, Guid? by, LicenceActor role)
    {
        Status = LicenceStatus.Revoked;
        RevokedAt = now;
        RevokedReason = reason;
        History.Add(new LicenceEvent(now, LicenceAction.Revoked, by, role, reason));
    }

    private void EnsureNotRevoked(string verb)
    {
        if (IsRevoked)
            throw new DomainException(LicensingErrors.LicenceRevoked, $"Licence {Key} has been revoked, so it cannot be {verb}.");
    }
}

public enum LicenceStatus
{
    Active,
    Revoked,
}

/// <summary>
/// The one machine a licence is activated on. <see cref="LastSeenAt"/> is its latest heartbeat;
/// <see cref="OfflineFileId"/> the offline licence file issued for it, if any.
/// </summary>
public sealed record Activation(
    string Fingerprint, string? MachineName, DateTimeOffset ActivatedAt, DateTimeOffset? LastValidatedAt,
    DateTimeOffset? LastSeenAt = null, Guid? OfflineFileId = null)
{
    /// <summary>The latest of activation, validation and heartbeat.</summary>
    public DateTimeOffset LastSeen() => new[] { ActivatedAt, LastValidatedAt ?? ActivatedAt, LastSeenAt ?? ActivatedAt }.Max();
}

/// <summary>One line of a licence's history: what happened, when, and who did it.</summary>
public sealed record LicenceEvent(
    DateTimeOffset At,
    LicenceAction Action,
    Guid? ByUserId,
    LicenceActor ByRole,
    string? Reason = null,
    string? Fingerprint = null,
    string? MachineName = null);

public enum LicenceAction
{
    Issued,
    Activated,
    Deactivated,
    Released,
    Reset,
    Revoked,
    Reinstated,
    OfflineFileIssued,
}

public enum LicenceActor
{
    System,
    Customer,
    Admin,
    Software,
}
