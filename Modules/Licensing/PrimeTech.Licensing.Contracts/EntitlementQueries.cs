namespace PrimeTech.Licensing.Contracts;

/// <summary>The products a customer may download now: those of their active entitlements.</summary>
public sealed record GetActiveEntitlements(Guid UserId);

public sealed record ActiveEntitlements(IReadOnlyList<Guid> ProductIds);

/// <summary>Whether the customer holds an active entitlement to the product. Answered with a <see cref="bool"/>.</summary>
public sealed record HasActiveEntitlement(Guid UserId, Guid ProductId);
