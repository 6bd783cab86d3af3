using System.Security.Claims;

namespace PrimeTech.Ordering.Orders;

/// <summary>The signed-in customer as the session's claims describe them (snapshotted onto orders).</summary>
public sealed record Customer(Guid Id, string Email, string Name, bool EmailVerified)
{
    public static Customer From(ClaimsPrincipal user) =>
        new(user.RequiredUserId(), user.Email() ?? "", user.DisplayName() ?? "", user.EmailVerified());
}
