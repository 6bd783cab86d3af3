namespace PrimeTech.Licensing.Licences;

/// <summary>LicenceView: what a customer sees of their licence (never the fingerprint).</summary>
public sealed record LicenceView(
    string LicenceKey, string ProductSku, string ProductName, string OrderNumber, string Status, DateTimeOffset IssuedAt,
    int MaxActivations, CustomerActivationView? Activation)
{
    public static LicenceView From(Licence l) => new(
        l.Key, l.ProductSku, l.ProductName, l.OrderNumber, l.Status.ToString(), l.IssuedAt, l.MaxActivations,
        l.Activation is { } a ? new CustomerActivationView(a.MachineName, a.ActivatedAt, a.LastValidatedAt, a.LastSeen(), a.OfflineFileId is not null) : null);
}

/// <summary><c>lastSeenAt</c>: the latest of activation, validation and heartbeat; <c>offlineFile</c>: activated by an offline licence file.</summary>
public sealed record CustomerActivationView(
    string? MachineName, DateTimeOffset ActivatedAt, DateTimeOffset? LastValidatedAt, DateTimeOffset LastSeenAt, bool OfflineFile);

/// <summary>AdminLicenceView: every field, the activation with its fingerprint, and the history.</summary>
public sealed record AdminLicenceView(
    string LicenceKey, string ProductSku, string ProductName, string OrderNumber, string Status, DateTimeOffset IssuedAt,
    int MaxActivations, AdminActivationView? Activation, Guid UserId, string UserEmail, DateTimeOffset? RevokedAt,
    string? RevokedReason, IReadOnlyList<LicenceEventView> History)
{
    public static AdminLicenceView From(Licence l) => new(
        l.Key, l.ProductSku, l.ProductName, l.OrderNumber, l.Status.ToString(), l.IssuedAt, l.MaxActivations,
        AdminActivationView.From(l.Activation), l.UserId, l.UserEmail, l.RevokedAt, l.RevokedReason,
        l.History.Select(h => new LicenceEventView(h.At, h.Action.ToString(), h.ByUserId, h.ByRole.ToString(), h.Reason,
            h.Fingerprint, h.MachineName)).ToList());
}

/// <summary>A row of the admin search: AdminLicenceView without the history.</summary>
public sealed record AdminLicenceSummary(
    string LicenceKey, string ProductSku, string ProductName, string OrderNumber, string Status, DateTimeOffset IssuedAt,
    int MaxActivations, AdminActivationView? Activation, Guid UserId, string UserEmail, DateTimeOffset? RevokedAt,
    string? RevokedReason)
{
    public static AdminLicenceSummary From(Licence l) => new(
        l.Key, l.ProductSku, l.ProductName, l.OrderNumber, l.Status.ToString(), l.IssuedAt, l.MaxActivations,
        AdminActivationView.From(l.Activation), l.UserId, l.UserEmail, l.RevokedAt, l.RevokedReason);
}

public sealed record AdminActivationView(
    string Fingerprint, string? MachineName, DateTimeOffset ActivatedAt, DateTimeOffset? LastValidatedAt, DateTimeOffset LastSeenAt, bool OfflineFile)
{
    public static AdminActivationView? From(Activation? a) =>
        a is null ? null : new AdminActivationView(a.Fingerprint, a.MachineName, a.ActivatedAt, a.LastValidatedAt, a.LastSeen(),
            a.OfflineFileId is not null);
}

public sealed record LicenceEventView(
    DateTimeOffset At, string Action, Guid? ByUserId, string ByRole, string? Reason, string? Fingerprint, string? MachineName);

