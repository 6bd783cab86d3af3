namespace PrimeTech.Licensing.Contracts;

/// <summary>
/// The licences an order granted, revoked or not (Billing checks the licences an admin chooses to
/// revoke with a partial refund). Answered with <see cref="OrderLicences"/>.
/// </summary>
public sealed record GetOrderLicences(string OrderNumber);

public sealed record OrderLicences(IReadOnlyList<OrderLicence> Items);

public sealed record OrderLicence(string Key, string ProductSku, bool Revoked);
