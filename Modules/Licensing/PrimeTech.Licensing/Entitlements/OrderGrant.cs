namespace PrimeTech.Licensing.Entitlements;

/// <summary>
/// What Licensing has done for one order (<see cref="Id"/> = the order id). It makes
/// <c>PaymentConfirmed</c> and <c>PaymentRefunded</c> idempotent and independent of their arrival
/// order: a refund that arrives first records <see cref="OrderGrantStatus.Revoked"/>, and the
/// confirmation that follows grants nothing.
/// </summary>
public sealed class OrderGrant
{
    public Guid Id { get; set; }
    public string OrderNumber { get; set; } = "";
    public Guid CustomerId { get; set; }
    public OrderGrantStatus Status { get; set; }
    public DateTimeOffset? GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public enum OrderGrantStatus
{
    Granted,
    Revoked,
}
