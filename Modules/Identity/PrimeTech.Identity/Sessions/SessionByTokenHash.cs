using System.Linq.Expressions;
using Marten.Linq;

namespace PrimeTech.Identity.Sessions;

/// <summary>
/// The session a cookie's token hash names (unique index): what every signed-in request reads first
/// (<see cref="SessionAuthenticationHandler"/>) and sign-out revokes, compiled so its SQL is planned once. The user is
/// loaded by id after it: Marten's Include would stage the ids in a temporary table, which costs more
/// than the second round trip it saves.
/// </summary>
public sealed class SessionByTokenHash : ICompiledQuery<UserSession, UserSession?>
{
    public string TokenHash { get; init; } = "";

    public Expression<Func<IMartenQueryable<UserSession>, UserSession?>> QueryIs() => q => q.FirstOrDefault(s => s.TokenHash == TokenHash);
}
