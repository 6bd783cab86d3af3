namespace PrimeTech.Licensing.Contracts;

/// <summary>
/// The customer's licences issued and their activations (activated, deactivated, released, reset), newest first, at most <see cref="Limit"/> (admin user page, D-116).
/// Answered with BuildingBlocks' <c>CustomerTimeline</c> (the one shared shape, kept out of the
/// dependency-free contracts); each module's query reads only its own documents, by an index on the customer.
/// </summary>
public sealed record GetCustomerTimeline(Guid CustomerId, int Limit);
