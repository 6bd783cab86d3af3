using PrimeTech.BuildingBlocks.Errors;

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
    /// the same machine again only updates its name when a different one is given.
    /// </summary>
    public bool Activate(string fingerprint, string? machineName, DateTimeOffset now)
    {
        EnsureNotRevoked("activated");
        if (Activation is { } current)
        {
            if (!string.Equals(current.Fingerprint, fingerprint, StringComparison.Ordinal))
                throw new DomainException(LicensingErrors.ActivationLimitReached,
                    $"Licence {Key} is already activated on another machine. Deactivate it there, or release the machine from your account, then try again.");
            if (machineName is null || machineName == current.MachineName) return false;
            Activation = current with { MachineName = machineName };
            return true;
        }

        Activation = new Activation(fingerprint, machineName, now, null);
        History.Add(new LicenceEvent(now, LicenceAction.Activated, null, LicenceActor.Software, Fingerprint: fingerprint, MachineName: machineName));
        return true;
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

    /// <summary>The customer frees the seat from their account. Returns whether anything changed.</summary>
    public bool Release(Guid customerId, DateTimeOffset now)
    {
        EnsureNotRevoked("changed");
        if (Activation is not { } current) return false;
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

/// <summary>The one machine a licence is activated on.</summary>
public sealed record Activation(string Fingerprint, string? MachineName, DateTimeOffset ActivatedAt, DateTimeOffset? LastValidatedAt);

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
}

public enum LicenceActor
{
    System,
    Customer,
    Admin,
    Software,
}
