namespace PrimeTech.Audit.Contracts;

/// <summary>
/// The customer's sign-ins and other security events (the audit trail's auth.* entries), newest first, at most <see cref="Limit"/> (admin user page, D-116).
/// Answered with BuildingBlocks' <c>CustomerTimeline</c> (the one shared shape, kept out of the
/// dependency-free contracts); each module's query reads only its own documents, by an index on the customer.
/// </summary>
public sealed record GetCustomerTimeline(Guid CustomerId, int Limit);
