namespace PrimeTech.Identity.Contracts;

/// <summary>Asks the Identity module for the admin dashboard's account figures of a London day.</summary>
public sealed record GetUserFigures(DateOnly Day);

/// <param name="NewUsers">Accounts created on the day (London calendar day).</param>
/// <param name="TotalUsers">Accounts that existed at the end of the day.</param>
public sealed record UserFigures(int NewUsers, int TotalUsers);
