namespace PrimeTech.Licensing.Entitlements;

/// <summary>A customer's right to a product bought in a paid order: it gives them the product's downloads.</summary>
public sealed class Entitlement
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>Lower-case.</summary>
    public string UserEmail { get; set; } = "";
    public Guid ProductId { get; set; }
    public string ProductSku { get; set; } = "";
    public string ProductName { get; set; } = "";
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public EntitlementStatus Status { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public enum EntitlementStatus
{
    Active,
    Revoked,
}
