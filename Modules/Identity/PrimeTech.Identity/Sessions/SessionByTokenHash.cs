using System.Linq.Expressions;
using Marten.Linq;

namespace PrimeTech.Identity.Sessions;

/// <summary>
/// The session a cookie's token hash names, with its user, in one round trip: what every signed-in
/// request reads first (<see cref="SessionAuthenticationHandler"/>), compiled so its SQL is planned once.
/// </summary>
public sealed class SessionByTokenHash : ICompiledQuery<UserSession, UserSession?>
{
    public string TokenHash { get; init; } = "";

    /// <summary>The session's user, filled in by the same query (empty when the session is not found).</summary>
    public IList<User> Users { get; } = [];

    public Expression<Func<IMartenQueryable<UserSession>, UserSession?>> QueryIs() =>
        q => q.Include(s => s.UserId, Users).FirstOrDefault(s => s.TokenHash == TokenHash);
}
